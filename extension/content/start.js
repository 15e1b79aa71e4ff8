// Injected right after content/main.js when a toggle starts (background/main.js `start`): the
// value of its last statement, a promise of the page's state and, when nothing is on, its
// snapshot, is the injection's result, so the toggle needs no message of its own for them.
// (Bundled without a wrapper: a classic script's result is its last statement's value.)
import { INSTANCE_KEY } from './instance.js';

globalThis[INSTANCE_KEY].start();
