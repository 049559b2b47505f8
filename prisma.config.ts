import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";
import { pgConnectionFields } from "./lib/db/pg-connection";

// With a config file present Prisma does not read .env itself.
if (existsSync(".env")) process.loadEnvFile(".env");

// prisma/orm#27403: migrate fails with "Column type 'name' could not be deserialized";
// report catalog columns of type name (19) and "char" (18) as text (25).
type TResultWithFields = { addFields(fields: pg.FieldDef[]): void };
const resultPrototype = pg.Result.prototype as unknown as TResultWithFields;
const originalAddFields = resultPrototype.addFields;
resultPrototype.addFields = function addFields(this: TResultWithFields, fields: pg.FieldDef[]) {
  for (const field of fields) {
    if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = 25;
  }
  originalAddFields.call(this, fields);
};

type TScriptRunner = { executeScript(script: string): Promise<void>; underlyingDriver(): pg.Pool };

// adapter-pg's executeScript splits migrations on every ";", even inside comments and function
// bodies: send the script whole instead, as one multi-statement query, as psql would.
function runScriptsWhole<T extends TScriptRunner>(adapter: T): T {
  const onError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter);
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      onError(error);
    }
  };
  return adapter;
}

class FirebreakMigrationAdapter extends PrismaPg {
  constructor(private readonly connection: pg.PoolConfig) {
    super(connection);
  }

  override async connect() {
    return runScriptsWhole(await super.connect());
  }

  // Shadow clean-up failed with "is being accessed by other users": create the shadow
  // database ourselves and, on dispose, close its pool before dropping it.
  override async connectToShadowDb() {
    const shadowName = `prisma_shadow_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client(this.connection);
    await admin.connect();
    await admin.query(`CREATE DATABASE "${shadowName}"`);
    await admin.end();
    const shadow = runScriptsWhole(await new PrismaPg({ ...this.connection, database: shadowName }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      const dropper = new pg.Client(this.connection);
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${shadowName}"`);
      await dropper.end();
    };
    return shadow;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded PostgreSQL)");
    return new FirebreakMigrationAdapter(pgConnectionFields(databaseUrl));
  },
});
