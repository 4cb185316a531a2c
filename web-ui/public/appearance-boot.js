// Marks the page with the theme this browser last showed, before the first paint, so that a light
// theme never flashes dark while the app's code loads. A plain script (the Content-Security-Policy
// allows no inline one); src/modules/appearance/theme.ts takes over, and a test holds the two to
// the same rule: the choice, for "system" light only when the system prefers light, else dark.
(function () {
  var choice = null;
  try {
    choice = window.localStorage.getItem('drover.theme');
  } catch (e) {
    // Storage blocked: the default.
  }
  var light = choice === 'light' || (choice === 'system' && window.matchMedia('(prefers-color-scheme: light)').matches);
  document.documentElement.dataset.theme = light ? 'light' : 'dark';
})();
