// Runtime configuration. The local static server (local/web.py) answers /env.js itself with
// the API's URL for its API_PORT; a deploy overwrites this file. Empty: the API is same-origin.
window.__APP_CONFIG__ = window.__APP_CONFIG__ || {};
