package org.labexport.convert.excel;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Excel date serial numbers (days since 1899-12-30 in the 1900 date system, since 1904-01-01 in the 1904 system)
 * to and from our dates and instants, exactly to the microsecond where the double can hold it.
 */
final class ExcelDates {
    /** Epoch day of serial 0 in the 1900 system (for serials from 61 on, past Excel's phantom 1900-02-29). */
    static final long EPOCH_1900 = LocalDate.of(1899, 12, 30).toEpochDay();
    static final long EPOCH_1904 = LocalDate.of(1904, 1, 1).toEpochDay();
    /** The first day written as a date cell: before it, Excel's 1900 leap-year bug shifts serials. */
    static final LocalDate FIRST = LocalDate.of(1900, 3, 1);
    static final LocalDate LAST = LocalDate.of(9999, 12, 31);
    private static final BigDecimal MICROS_PER_DAY = BigDecimal.valueOf(86_400_000_000L);
    private static final BigDecimal MILLIS_PER_DAY = BigDecimal.valueOf(86_400_000L);

    private ExcelDates() {
    }

    static boolean inRange(LocalDate d) {
        return !d.isBefore(FIRST) && !d.isAfter(LAST);
    }

    static double serial(LocalDate d) {
        return d.toEpochDay() - EPOCH_1900;
    }

    /** The serial of an instant, or NaN when it is out of Excel's range or the double cannot keep its microseconds. */
    static double serial(Instant t) {
        long day = Math.floorDiv(t.getEpochSecond(), 86_400L);
        if (day < FIRST.toEpochDay() || day > LAST.toEpochDay()) {
            return Double.NaN;
        }
        long micros = Math.floorMod(t.getEpochSecond(), 86_400L) * 1_000_000L + t.getNano() / 1_000;
        BigDecimal total = BigDecimal.valueOf(day - EPOCH_1900).multiply(MICROS_PER_DAY).add(BigDecimal.valueOf(micros));
        double serial = total.divide(MICROS_PER_DAY, new MathContext(34, RoundingMode.HALF_EVEN)).doubleValue();
        Instant back = instant(serial, false);
        return back.equals(t.truncatedTo(java.time.temporal.ChronoUnit.MICROS)) ? serial : Double.NaN;
    }

    static LocalDate date(double serial, boolean date1904) {
        long whole = (long) Math.floor(serial);
        return LocalDate.ofEpochDay(whole + base(whole, date1904));
    }

    /** The instant of a serial, rounded to the nearest microsecond. */
    static Instant instant(double serial, boolean date1904) {
        BigDecimal micros = new BigDecimal(serial).multiply(MICROS_PER_DAY).setScale(0, RoundingMode.HALF_EVEN);
        long totalMicros = micros.longValueExact();
        long day = Math.floorDiv(totalMicros, 86_400_000_000L);
        long microOfDay = Math.floorMod(totalMicros, 86_400_000_000L);
        long epochDay = day + base(day, date1904);
        return Instant.ofEpochSecond(Math.multiplyExact(epochDay, 86_400L) + microOfDay / 1_000_000L,
                (microOfDay % 1_000_000L) * 1_000L);
    }

    /**
     * The instant of a serial, rounded to the nearest millisecond: the precision Excel keeps, which hides the float
     * error of serials other tools compute (45292.52083333334 for 12:30:00).
     */
    static Instant instantToMillis(double serial, boolean date1904) {
        long totalMillis = new BigDecimal(serial).multiply(MILLIS_PER_DAY).setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact();
        long day = Math.floorDiv(totalMillis, 86_400_000L);
        long milliOfDay = Math.floorMod(totalMillis, 86_400_000L);
        long epochDay = day + base(day, date1904);
        return Instant.ofEpochSecond(Math.multiplyExact(epochDay, 86_400L) + milliOfDay / 1_000L,
                (milliOfDay % 1_000L) * 1_000_000L);
    }

    /** Whether a serial is a whole day. */
    static boolean isMidnight(double serial) {
        return serial == Math.floor(serial);
    }

    private static long base(long wholeSerial, boolean date1904) {
        if (date1904) {
            return EPOCH_1904;
        }
        // Serials 1..59 are 1900-01-01..1900-02-28; Excel counts a 1900-02-29 that never was as 60.
        return wholeSerial < 61 ? EPOCH_1900 + 1 : EPOCH_1900;
    }
}
