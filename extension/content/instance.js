// The content script's one global: its instance's handle, under a symbol in the extension's
// isolated world (the page cannot see it). A second injection finds it and reuses the first
// instance (its state, its listeners); content/start.js calls it.
export const INSTANCE_KEY = Symbol.for('declutter.content');
