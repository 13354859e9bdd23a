import { API } from './fixtures';

// As /env.js does in a browser: set before any module reads the configuration.
window.__APP_CONFIG__ = { apiUrl: API };
