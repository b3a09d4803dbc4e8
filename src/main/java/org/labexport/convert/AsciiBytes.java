package org.labexport.convert;

/** Copies text known to be ASCII (number text, fixed markup) into a byte buffer at the speed of an array copy. */
public final class AsciiBytes {
    private AsciiBytes() {
    }

    /**
     * Copies the characters of {@code s}, which must all be ASCII, into {@code dst} from index {@code at} and returns
     * the index after them. {@link String#getBytes(int, int, byte[], int)} keeps the low byte of each character: for
     * ASCII that is exactly its UTF-8, and for a string of Latin-1 characters it is one array copy, twice as fast as a
     * loop of {@code charAt} (docs/decisions/0136). It is deprecated because any other character would lose its high
     * byte; callers pass only number text that the grammar or Java's own formatting made, and fixed markup, and
     * tests run with assertions on.
     */
    @SuppressWarnings("deprecation")
    public static int copy(String s, byte[] dst, int at) {
        assert isAscii(s) : "not ASCII: " + s;
        int n = s.length();
        s.getBytes(0, n, dst, at);
        return at + n;
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
