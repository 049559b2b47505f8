import type { MetadataRoute } from "next";

/** The web app manifest, so Firebreak can be installed (on iOS 16.4+ push works only once it is on the home screen). */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Firebreak",
    short_name: "Firebreak",
    description: "Incident response and blameless postmortems",
    start_url: "/incidents",
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#b42318",
    icons: [{ src: "/icon.svg", sizes: "any", type: "image/svg+xml" }],
  };
}
