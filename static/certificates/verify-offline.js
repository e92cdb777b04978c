/* Kỹ Năng Số: check a certificate's QR payload without a connection (docs/certificates.md, "Offline QR").
 *
 * The QR holds …/certificates/verify/<code>/#p=<compact JWS>. Online, the page behind that URL is the
 * server's verify page; offline, the service worker (verify-sw.js) answers with this checker, which:
 * - keeps the issuer's public keys (the JWK set) and the revocation list (a Bitstring Status List
 *   credential) in localStorage, refreshed whenever the network answers;
 * - verifies the payload's Ed25519 signature with WebCrypto and the key its "kid" names (any key
 *   ever published, so what an old key signed keeps verifying after a rotation);
 * - reads the payload's bit in the list: set means revoked or replaced, as of the last refresh.
 */
"use strict";

(function () {
  const root = document.querySelector("[data-offline-checker]");
  if (!root) return;
  const STORE = "kns-verify-offline";
  const msg = (key) => (document.querySelector(`[data-msg="${key}"]`) || {}).textContent || key;

  function b64urlBytes(text) {
    const base = text.replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(base + "=".repeat((4 - (base.length % 4)) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  }
  const utf8 = (bytes) => new TextDecoder().decode(bytes);

  function load() {
    try {
      return JSON.parse(localStorage.getItem(STORE)) || null;
    } catch (error) {
      return null;
    }
  }

  async function sync() {
    try {
      const [keysResponse, listResponse] = await Promise.all([
        fetch(root.dataset.jwksUrl, { cache: "no-store" }),
        fetch(root.dataset.statusUrl, { cache: "no-store" }),
      ]);
      if (!keysResponse.ok || !listResponse.ok) throw new Error("sync");
      const jwks = await keysResponse.json();
      const listJwt = (await listResponse.text()).trim();
      const list = JSON.parse(utf8(b64urlBytes(listJwt.split(".")[1])));
      const data = { jwks, encodedList: list.credentialSubject.encodedList, syncedAt: new Date().toISOString() };
      localStorage.setItem(STORE, JSON.stringify(data));
      return data;
    } catch (error) {
      return load(); // offline: what was kept at the last refresh
    }
  }

  function showSync(data) {
    const line = root.querySelector("[data-sync]");
    if (data && data.syncedAt) {
      line.textContent = msg("synced").replace("%(time)s", new Date(data.syncedAt).toLocaleString("vi-VN"));
      line.dataset.syncedAt = data.syncedAt;
    }
  }

  async function bitIsSet(encodedList, index) {
    const compressed = b64urlBytes(encodedList.replace(/^u/, ""));
    const stream = new Blob([compressed]).stream().pipeThrough(new DecompressionStream("gzip"));
    const bits = new Uint8Array(await new Response(stream).arrayBuffer());
    const byte = Math.floor(index / 8);
    return byte < bits.length && (bits[byte] & (0x80 >> index % 8)) !== 0;
  }

  function tokenFrom(text) {
    const trimmed = (text || "").trim();
    const match = trimmed.match(/[#&]p=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/);
    if (match) return match[1];
    return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(trimmed) ? trimmed : null;
  }

  /** "valid" | "revoked" | "forged", with the claims when the signature is ours. */
  async function check(token, data) {
    const [headerPart, payloadPart, signaturePart] = token.split(".");
    let header, claims;
    try {
      header = JSON.parse(utf8(b64urlBytes(headerPart)));
      claims = JSON.parse(utf8(b64urlBytes(payloadPart)));
    } catch (error) {
      return { state: "forged" };
    }
    const jwk = (data.jwks.keys || []).find((key) => key.kid === header.kid);
    if (header.alg !== "EdDSA" || !jwk) return { state: "forged" };
    const key = await crypto.subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: jwk.x }, { name: "Ed25519" }, false, ["verify"]);
    const signed = new TextEncoder().encode(`${headerPart}.${payloadPart}`);
    const ok = await crypto.subtle.verify({ name: "Ed25519" }, key, b64urlBytes(signaturePart), signed);
    if (!ok || typeof claims.s !== "number") return { state: "forged" };
    const revoked = await bitIsSet(data.encodedList, claims.s);
    return { state: revoked ? "revoked" : "valid", claims, kid: header.kid };
  }

  function formatCode(code) {
    return (code || "").match(/.{1,4}/g).join("-");
  }

  function render(result) {
    const box = root.querySelector("[data-result]");
    box.hidden = false;
    box.className = `box ${result.state === "valid" ? "valid" : result.state === "revoked" ? "revoked" : "forged"}`;
    box.dataset.state = result.state;
    box.textContent = "";
    const title = document.createElement("strong");
    title.textContent = msg(result.message || result.state);
    box.appendChild(title);
    if (!result.claims) return;
    const list = document.createElement("dl");
    const [year, month, day] = String(result.claims.d).split("-");
    for (const [label, value] of [
      ["code", formatCode(result.claims.c)],
      ["name", result.claims.n],
      ["course", result.claims.k],
      ["date", `${day}/${month}/${year}`],
      ["kid", result.kid],
    ]) {
      const term = document.createElement("dt");
      term.textContent = msg(label);
      const detail = document.createElement("dd");
      detail.textContent = value;
      list.append(term, detail);
    }
    box.appendChild(list);
    const compare = document.createElement("p");
    compare.textContent = msg("compare");
    box.appendChild(compare);
  }

  async function run(text, dataPromise) {
    const token = tokenFrom(text);
    if (!token) return render({ state: "forged", message: "no_payload" });
    if (!(window.crypto && crypto.subtle)) return render({ state: "forged", message: "unsupported" });
    const data = await dataPromise;
    if (!data || !data.jwks) return render({ state: "forged", message: "no_keys" });
    try {
      render(await check(token, data));
    } catch (error) {
      // An Ed25519 key WebCrypto cannot import: an old browser, not a forged certificate.
      render({ state: "forged", message: error && error.name === "NotSupportedError" ? "unsupported" : "forged" });
    }
  }

  const dataPromise = sync().then((data) => {
    showSync(data);
    root.dataset.ready = "1";
    return data;
  });
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(root.dataset.swUrl).catch(() => {});
  }
  const form = root.querySelector("[data-check-form]");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(form.elements.payload.value, dataPromise);
  });
  if (tokenFrom(location.hash)) run(location.hash, dataPromise);
  // Another QR opened in the same tab changes only the fragment: no new page load.
  window.addEventListener("hashchange", () => {
    if (tokenFrom(location.hash)) run(location.hash, dataPromise);
  });
})();
