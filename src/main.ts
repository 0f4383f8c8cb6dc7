// Entry of the main-thread bundle. It must stay free of TensorFlow.js: the engine lives in a
// worker chunk (see DESIGN.md, "Walls").
import './app/ssd-app';

// The service worker is registered by a later change (PWA issue); nothing to do here yet.
if (!document.querySelector('ssd-app')) {
  document.body.append(document.createElement('ssd-app'));
}
