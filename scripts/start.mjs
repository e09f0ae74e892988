// npm start: the app is not built yet.
console.error('vnm: the app is not built yet; see README.md');
process.exit(1);
