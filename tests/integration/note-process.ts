// Another app process: adds one note, as soon as PostgreSQL is back.
import "../clock-setup";
import { disconnectDb, db } from "@/lib/db/prisma";
import { addIncidentNote } from "@/lib/incidents/service";

const [incidentId, userId, body] = process.argv.slice(2) as [string, string, string];
const author = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, name: true, email: true, role: true } });
await addIncidentNote(author, incidentId, body);
await disconnectDb();
