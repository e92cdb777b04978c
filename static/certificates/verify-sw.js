/* Kỹ Năng Số: the certificate checker's service worker (docs/certificates.md, "Offline QR").
 *
 * Served by certificates.credential_views.service_worker at /certificates/verify/sw.js, so it controls
 * /certificates/verify/… — the URLs the QR codes hold. It keeps the offline checker page and its
 * files; when the network fails on a page under that scope (a QR scanned without a connection) it
 * answers with the checker, which reads the signed payload from the URL's fragment. Online, pages come
 * from the network as usual, so the server's verify page stays the authority.
 */
"use strict";

const CACHE = "kns-verify-v1";
const CHECKER = "/certificates/verify/offline/";
const MANIFEST = "/certificates/verify/manifest.webmanifest";
const ASSET = /<(?:link[^>]*\bhref|script[^>]*\bsrc)=["']([^"']+)["']/gi;

async function keepChecker() {
  const cache = await caches.open(CACHE);
  const response = await fetch(CHECKER, { cache: "no-store" });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put(CHECKER, response);
  const assets = new Set([MANIFEST]);
  for (const match of html.matchAll(ASSET)) {
    const url = new URL(match[1], self.location.origin);
    if (url.origin === self.location.origin) assets.add(url.pathname);
  }
  await Promise.all([...assets].map((asset) => cache.add(asset).catch(() => {})));
}

self.addEventListener("install", (event) => event.waitUntil(keepChecker().then(() => self.skipWaiting())));
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).then(
        (response) => {
          if (url.pathname === CHECKER && response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(CHECKER, copy));
          }
          return response;
        },
        () => caches.match(CHECKER),
      ),
    );
    return;
  }
  // The checker's files: the network when it answers (a new version), else the kept copy.
  event.respondWith(
    fetch(request).catch(() => caches.match(url.pathname).then((found) => found || Response.error())),
  );
});
