/* Kỹ Năng Số: offline reading of saved courses (docs/courses.md, "Offline reading").
 *
 * Served by courses.views.service_worker at /learn/offline/sw.js with "Service-Worker-Allowed: /".
 * - A course is saved only when the cadre asks (message "save-course" from static/js/offline.js):
 *   its lesson pages, the course page, the pictures and stylesheet they link, videos only if asked.
 * - Pages: network first; the saved copy (refreshed on every online visit) when the network fails.
 * - "Đã học xong" pressed offline: the form's POST is kept in IndexedDB under its idempotency key
 *   (a second press of the same page queues nothing new) and sent again when the connection returns;
 *   the server records one completion per cadre and step whatever the number of replays.
 * - Logging out sends what is queued, then forgets every saved page (they belong to that person).
 */
"use strict";

const CACHE = "kns-offline-v1";
const DB_NAME = "kns-offline";
const STORE = "queue";
const COMPLETE = /^\/learn\/steps\/\d+\/complete\/$/;
const LOGOUT = /^\/accounts\/logout\/$/;
const OFFLINE_PAGE = "/learn/offline/";
const QUEUED_PAGE = "/learn/offline/?queued=1";
const ASSET = /<(?:link[^>]*\brel=["']?stylesheet["']?[^>]*\bhref|script[^>]*\bsrc|img[^>]*\bsrc|video[^>]*\bposter)=["']([^"']+)["']/gi;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

// --- The queue of presses made offline (IndexedDB: it outlives the worker) ---------------------------

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "key" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore(mode, work) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const result = work(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
    tx.onerror = () => reject(tx.error);
  });
}

const queuePut = (item) => withStore("readwrite", (store) => store.put(item));
const queueAll = () => withStore("readonly", (store) => store.getAll());
const queueDelete = (key) => withStore("readwrite", (store) => store.delete(key));

// --- Saving a course ------------------------------------------------------------------------------

function assetUrls(html, base) {
  const found = new Set();
  for (const match of html.matchAll(ASSET)) {
    const url = new URL(match[1].replace(/&amp;/g, "&"), base);
    if (url.origin === self.location.origin) found.add(url.href);
  }
  return found;
}

async function store(cache, url) {
  const response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
  if (!response.ok || response.redirected) return null;
  const blob = await response.clone().blob();
  await cache.put(url, response);
  return blob;
}

async function saveCourse(data, reply) {
  const cache = await caches.open(CACHE);
  const assets = new Set();
  let bytes = 0;
  let saved = 0;
  for (const url of [OFFLINE_PAGE, QUEUED_PAGE, ...data.pages]) {
    const blob = await store(cache, url).catch(() => null);
    if (!blob) continue;
    bytes += blob.size;
    if (data.pages.includes(url)) saved += 1;
    for (const asset of assetUrls(await blob.text(), new URL(url, self.location.origin))) assets.add(asset);
    reply({ type: "progress", saved, total: data.pages.length, bytes });
  }
  for (const url of [...assets, ...(data.videos || [])]) {
    if (await cache.match(url)) continue;
    const blob = await store(cache, url).catch(() => null);
    if (blob) bytes += blob.size;
  }
  reply({ type: "saved", saved, total: data.pages.length, bytes });
}

// --- Serving --------------------------------------------------------------------------------------

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // A page the cadre saved is kept fresh (its "done" marks, its progress) on every online visit.
    if (response.ok && !response.redirected && (await cache.match(request.url, { ignoreVary: true }))) {
      await cache.put(request.url, response.clone());
    }
    replay();
    return response;
  } catch (error) {
    const saved = await cache.match(request.url, { ignoreVary: true });
    if (saved) return saved;
    return (await cache.match(OFFLINE_PAGE)) || Response.error();
  }
}

function partial(response, range) {
  // A saved video is kept whole; a player's Range request gets the slice it asks for.
  const match = /^bytes=(\d*)-(\d*)$/.exec(range);
  return response.blob().then((blob) => {
    if (!match) return new Response(blob, { status: 200, headers: response.headers });
    const start = match[1] === "" ? Math.max(0, blob.size - Number(match[2])) : Number(match[1]);
    const end = match[1] !== "" && match[2] !== "" ? Math.min(Number(match[2]), blob.size - 1) : blob.size - 1;
    if (start >= blob.size) {
      return new Response(null, { status: 416, headers: { "Content-Range": `bytes */${blob.size}` } });
    }
    const headers = new Headers(response.headers);
    headers.set("Content-Range", `bytes ${start}-${end}/${blob.size}`);
    headers.set("Content-Length", String(end - start + 1));
    return new Response(blob.slice(start, end + 1), { status: 206, headers });
  });
}

async function savedFirst(request) {
  const cache = await caches.open(CACHE);
  const saved = await cache.match(request.url, { ignoreVary: true });
  if (!saved) return fetch(request);
  const range = request.headers.get("Range");
  return range ? partial(saved, range) : saved;
}

async function completeOrQueue(request) {
  const body = await request.clone().text();
  try {
    return await fetch(request);
  } catch (error) {
    const form = new URLSearchParams(body);
    const key = form.get("idempotency_key") || self.crypto.randomUUID();
    await queuePut({ key, url: request.url, body, page: request.referrer, at: Date.now() });
    if (self.registration.sync) self.registration.sync.register("kns-replay").catch(() => {});
    const page = await caches.match(QUEUED_PAGE);
    if (!page) return Response.error();
    const next = form.get("next") || "/";
    const html = (await page.text()).replaceAll("#kns-next", next.replace(/[<>"']/g, ""));
    return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
  }
}

// --- Sending what was queued ------------------------------------------------------------------------

function post(url, body) {
  return fetch(url, {
    method: "POST",
    body,
    credentials: "same-origin",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
}

async function freshToken(page) {
  // The saved page's CSRF token no longer holds (the cadre logged in again): read today's from the page.
  if (!page) return null;
  const html = await (await fetch(page, { credentials: "same-origin", cache: "no-store" })).text();
  const match = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(html);
  return match ? match[1] : null;
}

let replaying = null;

function replay() {
  if (!replaying) replaying = sendQueued().finally(() => (replaying = null));
  return replaying;
}

async function sendQueued() {
  let sent = 0;
  for (const item of await queueAll()) {
    let response;
    try {
      response = await post(item.url, item.body);
      if (response.status === 403) {
        const token = await freshToken(item.page);
        if (token) {
          const form = new URLSearchParams(item.body);
          form.set("csrfmiddlewaretoken", token);
          response = await post(item.url, form.toString());
        }
      }
    } catch (error) {
      return sent; // still offline: keep the queue for the next try
    }
    // A redirect (the next step) or any answer but a server error is final: replaying again changes nothing.
    if (response.type === "opaqueredirect" || response.status < 500) {
      await queueDelete(item.key);
      sent += 1;
    }
  }
  if (sent) {
    for (const client of await self.clients.matchAll()) client.postMessage({ type: "replayed", sent });
  }
  return sent;
}

async function logout(request) {
  await replay().catch(() => {});
  const response = await fetch(request);
  await caches.delete(CACHE);
  return response;
}

// --- Events -------------------------------------------------------------------------------------------

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST") {
    if (COMPLETE.test(url.pathname)) event.respondWith(completeOrQueue(request));
    else if (LOGOUT.test(url.pathname)) event.respondWith(logout(request));
    return;
  }
  if (request.method !== "GET" || url.pathname.startsWith("/admin/")) return;
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request));
  } else if (/^\/(static|media|documents)\//.test(url.pathname)) {
    event.respondWith(savedFirst(request));
  }
});

self.addEventListener("sync", (event) => {
  if (event.tag === "kns-replay") event.waitUntil(replay());
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  const port = event.ports && event.ports[0];
  const reply = (message) => port && port.postMessage(message);
  if (data.type === "save-course") {
    event.waitUntil(saveCourse(data, reply).catch((error) => reply({ type: "failed", error: String(error) })));
  } else if (data.type === "replay") {
    event.waitUntil(replay().then((sent) => reply({ type: "replayed", sent })));
  } else if (data.type === "status") {
    event.waitUntil(
      caches
        .open(CACHE)
        .then((cache) => cache.match(new URL(data.url, self.location.origin).href))
        .then((hit) => reply({ type: "status", saved: Boolean(hit) })),
    );
  }
});
