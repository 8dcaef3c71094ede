/** localStorage key of the theme choice ("light" | "dark"); read by the inline script in app/layout.tsx. */
export const THEME_STORAGE_KEY = "ast-theme";
