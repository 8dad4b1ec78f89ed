// heartlint for Thunderbird: the decision, independent of the messenger API (tested with Node).
"use strict";

const DEFAULTS = Object.freeze({
  serverUrl: "http://127.0.0.1:8081",
  token: "",
  failLevel: "error", // "error": only errors hold the send; "warning": warnings too
  failClosed: false, // true: hold the send when no server answers
  timeoutMs: 8000,
});
const LEVELS = { error: ["error"], warning: ["error", "warning"] };

/** The draft as a MIME message, so the server leaves out quoted history and signatures exactly
 * as it does for .eml files. */
function draftMessage(details) {
  const plain = details.isPlainText;
  const body = plain ? details.plainTextBody || "" : details.body || "";
  const type = plain ? "text/plain" : "text/html";
  return `Content-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${body}`;
}

/** Ask the server; { ok: true, result } or { ok: false, problem } (never throws). */
async function lintDraft(details, settings, fetchImpl) {
  const headers = { "Content-Type": "message/rfc822" };
  if (settings.token) headers.Authorization = `Bearer ${settings.token}`;
  const url = `${settings.serverUrl.replace(/\/+$/, "")}/v1/lint?name=draft.eml`;
  try {
    const response = await fetchImpl(url, {
      method: "POST",
      headers,
      body: draftMessage(details),
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    if (!response.ok) return { ok: false, problem: `the server answered ${response.status}` };
    return { ok: true, result: await response.json() };
  } catch (error) {
    return { ok: false, problem: `no heartlint server at ${settings.serverUrl}` };
  }
}

/** What to do with one send: { hold, findings, notice }. */
async function decide(details, storedSettings, fetchImpl) {
  const settings = { ...DEFAULTS, ...storedSettings };
  const answer = await lintDraft(details, settings, fetchImpl);
  if (!answer.ok) {
    const notice = settings.failClosed
      ? `heartlint: not sent, the draft could not be checked (${answer.problem}).`
      : `heartlint: sent without a check (${answer.problem}).`;
    return { hold: settings.failClosed, findings: [], notice };
  }
  const result = answer.result;
  const text = result.text || "";
  const findings = (result.findings || []).map((f) => ({
    code: f.code,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    help: f.help,
    excerpt: text.slice(f.start, f.end),
  }));
  const blocking = LEVELS[settings.failLevel] || LEVELS.error;
  const hold = findings.some((f) => blocking.includes(f.severity));
  return { hold, findings, notice: "" };
}

const heartlintCore = { DEFAULTS, decide, draftMessage, lintDraft };
if (typeof module !== "undefined") module.exports = heartlintCore;
