import { publicUrl } from "@/lib/http/public-url";

/** The subscription URL for a feed token, at the address people use (NEXTAUTH_URL). */
export const feedUrl = (token: string) => publicUrl(`/api/oncall/feeds/${token}.ics`);
