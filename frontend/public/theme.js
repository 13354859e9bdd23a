// Sets the colour scheme before the first paint (no light flash in dark mode); lib/theme.ts
// keeps it up to date afterwards. Same key and rule: the stored choice, else the OS setting.
(function () {
  var choice = null;
  try {
    choice = localStorage.getItem('segmenta.theme');
  } catch {
    choice = null;
  }
  var dark = choice === 'dark' || (choice !== 'light' && window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.setAttribute('data-theme', dark ? 'dark' : 'light');
})();
