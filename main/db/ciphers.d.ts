// better-sqlite3-multiple-ciphers is better-sqlite3 with SQLite3 Multiple Ciphers compiled in: the
// same API plus key()/rekey() (declared where they are used, main/db/encryption.ts).
declare module 'better-sqlite3-multiple-ciphers' {
  import Database from 'better-sqlite3';
  export default Database;
}
