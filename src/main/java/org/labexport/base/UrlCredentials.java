package org.labexport.base;

/**
 * Finds and removes credentials written into a URL ({@code http://KEY:SECRET@host:9000}), so that a URL can be shown,
 * stored or logged without the secret in it. Works on text, so a URL too broken to parse is still cleaned.
 */
public final class UrlCredentials {
    private UrlCredentials() {
    }

    /** Whether the URL has a {@code user[:password]@} part before its host. */
    public static boolean present(String url) {
        return url != null && userInfoEnd(url.trim()) >= 0;
    }

    /** The URL without its {@code user[:password]@} part, trimmed; null stays null. */
    public static String strip(String url) {
        if (url == null) {
            return null;
        }
        String u = url.trim();
        int at = userInfoEnd(u);
        return at < 0 ? u : u.substring(0, authorityStart(u)) + u.substring(at + 1);
    }

    private static int authorityStart(String url) {
        int scheme = url.indexOf("://");
        return scheme < 0 ? 0 : scheme + 3;
    }

    /** Index of the '@' ending the user info of the URL's authority (with or without a scheme), or -1. */
    private static int userInfoEnd(String url) {
        int start = authorityStart(url);
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        // The last '@' of the authority, so that a password typed with an unescaped '@' is removed whole.
        int at = end == start ? -1 : url.lastIndexOf('@', end - 1);
        return at >= start ? at : -1;
    }
}
