package dev.prefilter.engine.office.xlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every token kind the formula decoder knows, in the versions where it differs (MS-XLS 2.5.198, MS-XLSB 2.5.97). */
class BiffFormulaDecoderTest {

    private static final BiffFormulaDecoder DECODER = new BiffFormulaDecoder(XlmFunctions.standard());
    private static final int ABS = 24;
    private static final int NOW = 74;
    private static final int SUM = 4;
    private static final int CHAR = 111;
    private static final int ALERT_CETAB = 118;

    private static BiffFormulaDecoder.Decoded decode(BiffVersion version, byte[] rgce) {
        return DECODER.decode(
                rgce, 0, rgce.length, version, Charset.forName("windows-1252"), i -> "Name" + i, i -> switch (i) {
                    case 0 -> "Sheet1";
                    case 1 -> "My Sheet";
                    default -> null;
                });
    }

    private static String text(BiffVersion version, int... bytes) {
        BiffFormulaDecoder.Decoded decoded = decode(version, bytes(bytes));
        assertTrue(decoded.complete(), decoded.text() + " was not decoded to its end");
        return decoded.text();
    }

    private static String text(int... bytes) {
        return text(BiffVersion.BIFF8, bytes);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "3|+", "4|-", "5|*", "6|/", "7|^", "8|&", "9|<", "10|<=", "11|=", "12|>=", "13|>", "14|<>", "16|,",
                "17|:"
            })
    void binaryOperatorsJoinTheirOperands(int token, String operator) {
        assertEquals("=1" + operator + "2", text(0x1E, 1, 0, 0x1E, 2, 0, token));
    }

    @Test
    void theIntersectionOperatorIsASpace() {
        assertEquals("=1 2", text(0x1E, 1, 0, 0x1E, 2, 0, 0x0F));
    }

    @Test
    void unaryOperatorsPercentAndParentheses() {
        assertEquals("=+5", text(0x1E, 5, 0, 0x12));
        assertEquals("=-5", text(0x1E, 5, 0, 0x13));
        assertEquals("=5%", text(0x1E, 5, 0, 0x14));
        assertEquals("=(1+2)", text(0x1E, 1, 0, 0x1E, 2, 0, 0x03, 0x15));
    }

    @Test
    void constantsOfEveryKind() {
        assertEquals("=#ERR7", text(0x1C, 7));
        assertEquals("=TRUE", text(0x1D, 1));
        assertEquals("=FALSE", text(0x1D, 0));
        assertEquals("=65535", text(0x1E, 0xFF, 0xFF));
        assertEquals("=3", text(number(3)));
        assertEquals("=2.5", text(number(2.5)));
        assertEquals("=1.0E20", text(number(1e20)));
    }

    @Test
    void stringsInEachVersionsEncoding() {
        assertEquals("=\"hi\"", text(BiffVersion.BIFF8, 0x17, 2, 0, 'h', 'i'));
        assertEquals("=\"hé\"", text(BiffVersion.BIFF8, 0x17, 2, 1, 'h', 0, 0xE9, 0));
        assertEquals("=\"hé\"", text(BiffVersion.BIFF5, 0x17, 2, 'h', 0xE9));
        assertEquals("=\"hi\"", text(BiffVersion.BIFF12, 0x17, 2, 0, 'h', 0, 'i', 0));
        assertEquals("=\"a\"\"b\"", text(BiffVersion.BIFF8, 0x17, 3, 0, 'a', '"', 'b'));
        assertEquals(
                List.of("hi"),
                decode(BiffVersion.BIFF8, bytes(0x17, 2, 0, 'h', 'i')).strings());
    }

    @Test
    void aStringLongerThanTheFormulaIsCutAtItsEnd() {
        BiffFormulaDecoder.Decoded decoded = decode(BiffVersion.BIFF8, bytes(0x17, 5, 0, 'a', 'b'));
        assertEquals("=\"ab\"", decoded.text());
        assertEquals(List.of("ab"), decoded.strings());
    }

    @Test
    void functionsWithFixedAndVariableArgumentCountsAndCommands() {
        assertEquals("=ABS(5)", text(0x1E, 5, 0, 0x21, ABS, 0));
        assertEquals("=NOW()", text(0x41, NOW, 0));
        assertEquals("=NOW()", text(0x61, NOW, 0));
        assertEquals("=SUM(1,2)", text(0x1E, 1, 0, 0x1E, 2, 0, 0x22, 2, SUM, 0));
        assertEquals("=ALERT(\"x\")", text(0x17, 1, 0, 'x', 0x42, 1, ALERT_CETAB, 0x80));
        assertEquals(
                List.of("SUM"),
                decode(BiffVersion.BIFF8, bytes(0x22, 0, SUM, 0)).functions());
    }

    @Test
    void aMissingArgumentIsEmpty() {
        assertEquals("=SUM(,)", text(0x16, 0x16, 0x22, 2, SUM, 0));
    }

    @Test
    void charCallsOfConstantsAreFoldedIntoTheStringsTheyBuild() {
        BiffFormulaDecoder.Decoded decoded = decode(
                BiffVersion.BIFF8,
                bytes(0x1E, 65, 0, 0x41, CHAR, 0, 0x1E, 66, 0, 0x41, CHAR, 0, 0x08, 0x1E, 67, 0, 0x41, CHAR, 0, 0x08));
        assertEquals("=CHAR(65)&CHAR(66)&CHAR(67)", decoded.text());
        assertEquals(3, decoded.charCalls());
        assertEquals(List.of("ABC"), decoded.strings(), "two characters are not yet a string worth keeping");
    }

    @Test
    void charOfACellIsNotAConstant() {
        BiffFormulaDecoder.Decoded decoded =
                decode(BiffVersion.BIFF8, bytes(0x24, 0, 0, 0, 0xC0, 0x41, CHAR, 0, 0x17, 2, 0, 'b', 'c', 0x08));
        assertEquals("=CHAR(R1C1)&\"bc\"", decoded.text());
        assertEquals(List.of("bc"), decoded.strings());
    }

    @Test
    void attributeTokensSumOrAreSkipped() {
        assertEquals("=SUM(1+2)", text(0x1E, 1, 0, 0x1E, 2, 0, 0x03, 0x19, 0x10, 0, 0));
        assertEquals("=1", text(0x1E, 1, 0, 0x19, 0x40, 0, 0));
        // a CHOOSE jump table: w + 1 offsets of two bytes follow
        assertEquals("=1 9", text(0x1E, 1, 0, 0x19, 0x04, 1, 0, 0, 0, 0, 0, 0x1E, 9, 0));
    }

    @Test
    void cellReferencesInEachVersion() {
        assertEquals("=R1C2", text(BiffVersion.BIFF8, 0x24, 0, 0, 1, 0xC0));
        assertEquals("=R1C2", text(BiffVersion.BIFF8, 0x44, 0, 0, 1, 0xC0));
        assertEquals("=R1C2", text(BiffVersion.BIFF8, 0x2C, 0, 0, 1, 0xC0));
        assertEquals("=R6C3", text(BiffVersion.BIFF5, 0x24, 5, 0xC0, 2));
        assertEquals("=R10C4", text(BiffVersion.BIFF12, 0x24, 9, 0, 0, 0, 3, 0xC0));
        assertEquals("=#REF!", text(BiffVersion.BIFF8, 0x2A, 0, 0, 1, 0));
    }

    @Test
    void areasInEachVersion() {
        assertEquals("=R1C1:R2C3", text(BiffVersion.BIFF8, 0x25, 0, 0, 1, 0, 0, 0xC0, 2, 0xC0));
        assertEquals("=R1C1:R2C3", text(BiffVersion.BIFF8, 0x2D, 0, 0, 1, 0, 0, 0, 2, 0));
        assertEquals("=R1C1:R2C3", text(BiffVersion.BIFF5, 0x25, 0, 0xC0, 1, 0xC0, 0, 2));
        assertEquals("=R1C1:R2C3", text(BiffVersion.BIFF12, 0x25, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0));
        assertEquals("=#REF!", text(BiffVersion.BIFF8, 0x2B, 0, 0, 1, 0, 0, 0, 2, 0));
    }

    @Test
    void threeDimensionalReferencesNameTheirSheet() {
        assertEquals("=Sheet1!R1C1", text(BiffVersion.BIFF8, 0x3A, 0, 0, 0, 0, 0, 0));
        assertEquals("='My Sheet'!R2C3", text(BiffVersion.BIFF8, 0x3A, 1, 0, 1, 0, 2, 0));
        assertEquals("=[sheet]!R1C1", text(BiffVersion.BIFF8, 0x3A, 5, 0, 0, 0, 0, 0));
        assertEquals("=Sheet1!R1C1:R2C2", text(BiffVersion.BIFF8, 0x3B, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0));
        assertEquals("=#REF!", text(BiffVersion.BIFF8, 0x3C, 0, 0, 0, 0, 0, 0));
        assertEquals("=#REF!", text(BiffVersion.BIFF8, 0x3D, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0));
        // BIFF5: ixals, 8 reserved bytes, then the first sheet's position (a negative one is external)
        assertEquals(
                "='My Sheet'!R3C4", text(BiffVersion.BIFF5, 0x3A, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 2, 0, 3));
        assertEquals(
                "=[sheet]!R3C4",
                text(BiffVersion.BIFF5, 0x3A, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 1, 0, 2, 0, 3));
    }

    @Test
    void namesExternalNamesArraysAndSharedFormulas() {
        assertEquals("=Name2", text(BiffVersion.BIFF8, 0x23, 2, 0, 0, 0));
        assertEquals("=Name3", text(BiffVersion.BIFF5, 0x23, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertEquals("=[external name]", text(BiffVersion.BIFF8, 0x39, 0, 0, 1, 0, 0, 0));
        assertEquals("={array} 1", text(BiffVersion.BIFF8, 0x20, 0, 0, 0, 0, 0, 0, 0, 0x1E, 1, 0));
        assertEquals(
                "={array} 1", text(BiffVersion.BIFF12, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x1E, 1, 0));
        assertEquals("={shared formula}", text(BiffVersion.BIFF8, 0x01, 0, 0, 0, 0));
    }

    @Test
    void memoryTokensAreSteppedOver() {
        assertEquals("=1", text(0x26, 0, 0, 0, 0, 0, 0, 0x1E, 1, 0));
        assertEquals("=1", text(0x27, 0, 0, 0, 0, 0, 0, 0x1E, 1, 0));
        assertEquals("=1", text(0x28, 0, 0, 0, 0, 0, 0, 0x1E, 1, 0));
        assertEquals("=1", text(0x29, 0, 0, 0x1E, 1, 0));
    }

    @Test
    void anUnknownTokenEndsTheWalkAndKeepsWhatWasRead() {
        BiffFormulaDecoder.Decoded decoded = decode(BiffVersion.BIFF8, bytes(0x1E, 1, 0, 0x18, 0x1E, 2, 0));
        assertFalse(decoded.complete());
        assertEquals("=1", decoded.text());
    }

    @Test
    void aTokenCutOffByTheEndOfTheFormulaIsNotComplete() {
        BiffFormulaDecoder.Decoded decoded = decode(BiffVersion.BIFF8, bytes(0x1E, 7, 0, 0x1F, 0, 0));
        assertFalse(decoded.complete());
        assertEquals("=7", decoded.text());
        assertFalse(decode(BiffVersion.BIFF8, bytes(0x24, 0)).complete());
        assertFalse(decode(BiffVersion.BIFF8, bytes(0x22, 1)).complete());
    }

    @Test
    void aFunctionIndexNoExcelVersionDefinesEndsTheWalk() {
        BiffFormulaDecoder.Decoded decoded = decode(BiffVersion.BIFF8, bytes(0x1E, 1, 0, 0x41, 0x42, 0xC7));
        assertFalse(decoded.complete());
        assertEquals("=1", decoded.text());
        assertFalse(decode(BiffVersion.BIFF8, bytes(0x42, 0, 0x42, 0xC7)).complete());
    }

    @Test
    void anOperatorWithoutOperandsShowsWhatIsMissing() {
        assertEquals("=?+?", text(0x03));
    }

    private static int[] number(double value) {
        byte[] b = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putDouble(value)
                .array();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x1F);
        out.writeBytes(b);
        byte[] all = out.toByteArray();
        int[] ints = new int[all.length];
        for (int i = 0; i < all.length; i++) ints[i] = all[i] & 0xff;
        return ints;
    }
}
