package dev.prefilter.engine.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordHarvesterTest {

    private final PasswordHarvester harvester = new PasswordHarvester();

    private List<String> found(String text) {
        return harvester.harvest(text, "body").stream()
                .map(PasswordCandidate::password)
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "パスワード: 1234 | 1234",
                "パスワード：Xk7#pq2 | Xk7#pq2",
                "解凍パスワードは「aB3dE9」です。 | aB3dE9",
                "暗証番号 0815 | 0815",
                "Password: abc123 | abc123",
                "The password is \"s3cr3t!\" | s3cr3t!",
                "PW: Zz9-yy | Zz9-yy",
                "Das Passwort ist 'geheim42' | geheim42",
                "Le mot de passe est : azerty2024 | azerty2024",
                "La contraseña es clave2024. | clave2024",
                "Archive password: abc123 | abc123",
                "密码：qwe789 | qwe789",
                "9f8e7d is the password | 9f8e7d"
            })
    void passwordsNextToKeywordsAreFound(String line, String password) {
        assertTrue(found(line).contains(password), () -> found(line).toString());
    }

    @Test
    void aPasswordOnTheLineAfterTheKeywordIsFound() {
        assertTrue(found("パスワードは以下の通りです。\n\n  Q8w#e7R\n").contains("Q8w#e7R"));
        assertTrue(found("Password:\nhunter22\n").contains("hunter22"));
    }

    @Test
    void trailingPunctuationIsTriedBothWays() {
        assertTrue(found("Password: Password1!").containsAll(List.of("Password1", "Password1!")));
        assertTrue(found("パスワード：abc123。").contains("abc123"));
    }

    @Test
    void fullWidthDigitsAreAlsoTriedAsAscii() {
        assertTrue(found("パスワード：１２３４").contains("1234"));
    }

    @Test
    void theSourceSaysWhereThePasswordWas() {
        PasswordCandidate c = harvester
                .harvest("Hello\nPassword: abc123\n", "body part 1.1 (text/plain)")
                .get(0);
        assertEquals("body part 1.1 (text/plain), line 2, after 'Password'", c.source());
    }

    @Test
    void mailWithoutKeywordsYieldsNothing() {
        assertEquals(List.of(), found("Dear customer,\nyour parcel is on its way.\nBest regards"));
    }
}
