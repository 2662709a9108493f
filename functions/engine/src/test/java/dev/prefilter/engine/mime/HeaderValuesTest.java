package dev.prefilter.engine.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeaderValuesTest {

    @Test
    void parametersQuotedUnquotedAndExtended() {
        HeaderValues.Structured s = HeaderValues.parseStructured(
                "attachment; filename=\"a \\\"b\\\".pdf\"; size=123; filename*=iso-8859-1'en'%E9t%E9.txt");
        assertEquals("attachment", s.value());
        assertEquals("123", s.parameter("size"));
        assertEquals("été.txt", s.parameter("filename"), "the RFC 2231 form wins over the plain one");
    }

    @Test
    void continuationsMixEncodedAndPlainSegments() {
        HeaderValues.Structured s = HeaderValues.parseStructured(
                "application/pdf; name*0*=UTF-8''%E8%AB%8B; name*1*=%E6%B1%82; name*2=\"_2024.pdf\"");
        assertEquals("請求_2024.pdf", s.parameter("name"));
    }

    @Test
    void encodedWordsInsideQuotedParametersDecode() {
        assertEquals("見積書.xlsx", HeaderValues.decodeWords("=?ISO-2022-JP?B?GyRCOCtAUT1xGyhCLnhsc3g=?="));
    }
}
