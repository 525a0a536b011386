/** Column type for every id and foreign key: time-ordered UUIDs stored as ASCII. */
export const ID_COLUMN = 'CHAR(36) CHARACTER SET ascii COLLATE ascii_bin';
/** Table options for every table: utf8mb4 for Chinese text. */
export const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
