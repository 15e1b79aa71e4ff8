// A speech-dispatcher of the tests' own, so that read aloud is tested with the system's real
// voices (espeak-ng, from Debian; extension/build/setup.mjs installs them): started with a copy
// of the system's configuration that sends sound to ALSA's null device (test machines have no
// sound card) and listens on a socket of its own, which the browsers are pointed at
// (SPEECHD_ADDRESS; Chromium also needs --enable-speech-dispatcher, lib/browsers.mjs). With no
// sound to wait for, each utterance ends as soon as it is synthesized, and these voices report
// no word boundaries: the word highlight and the pauses are tested with the test build's
// speech queue instead (content/test-bridge.js).

import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SPEECH_DISPATCHER = '/usr/bin/speech-dispatcher';
const SYSTEM_CONFIG = '/etc/speech-dispatcher';

/** Starts the dispatcher; resolves to {env, close()} (env: for the browsers' processes). */
export async function startSpeech() {
  if (!existsSync(SPEECH_DISPATCHER) || !existsSync(SYSTEM_CONFIG)) {
    throw new Error('speech-dispatcher is not installed (npm run setup installs it with espeak-ng)');
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'declutter-speech-'));
  const conf = path.join(dir, 'conf');
  cpSync(SYSTEM_CONFIG, conf, { recursive: true });
  appendFileSync(path.join(conf, 'speechd.conf'), '\nAudioOutputMethod "alsa"\nAudioALSADevice "null"\nDefaultModule espeak-ng\n');
  const socket = path.join(dir, 'speechd.sock');
  const child = spawn(SPEECH_DISPATCHER, ['--run-single', '-C', conf, '-S', socket, '-P', path.join(dir, 'pid'), '-t', '0', '-L', dir, '-l', '1'], {
    stdio: 'ignore',
  });
  const exited = new Promise((ok) => child.once('exit', ok));
  const deadline = Date.now() + 10_000;
  while (!existsSync(socket)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`speech-dispatcher did not start (exit ${child.exitCode})`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    env: { SPEECHD_ADDRESS: `unix_socket:${socket}` },
    async close() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
