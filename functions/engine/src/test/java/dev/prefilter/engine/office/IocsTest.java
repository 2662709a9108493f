package dev.prefilter.engine.office;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IocsTest {

    private static List<String> found(String text) {
        return Iocs.find(text).stream()
                .map(i -> i.kind().label() + ":" + i.value())
                .toList();
    }

    @Test
    void urlsTheirHostsIpsAndExecutableNames() {
        assertEquals(
                List.of("url:http://198.51.100.7/a/b.exe", "ip:198.51.100.7", "executable:b.exe"),
                found("x = \"http://198.51.100.7/a/b.exe\""));
        assertEquals(
                List.of("url:https://cdn.example.net/p?x=1", "domain:cdn.example.net"),
                found("u = \"https://cdn.example.net/p?x=1\"."));
        assertEquals(List.of("domain:evil-host.ru"), found("h = \"evil-host.ru\""));
        assertEquals(List.of("executable:powershell.exe"), found("Shell \"powershell.exe -nop\""));
    }

    @Test
    void officeSchemasVersionsAndObjectNamesAreNotIndicators() {
        assertTrue(found("xmlns=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
                        + "http://schemas.microsoft.com/office/2006")
                .isEmpty());
        assertTrue(
                found("Set o = CreateObject(\"Scripting.FileSystemObject\"): v = \"1.2.3.4.5\"")
                        .isEmpty(),
                found("v = \"1.2.3.4.5\"").toString());
        assertTrue(found("see http://google.com/ for details").stream().noneMatch(s -> s.startsWith("executable")));
    }
}
