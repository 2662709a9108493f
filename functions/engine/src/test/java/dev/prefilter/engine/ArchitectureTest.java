package dev.prefilter.engine;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's layering: packages form no cycle, analyzers see only the analyzer SPI and what
 * lies below it (never the engine core, the scoring or the report), and nothing in the engine
 * knows about the Lambda adapter, the CLI or AWS.
 */
class ArchitectureTest {

    private static final String ENGINE = "dev.prefilter.engine";

    /** Packages holding analyzers and the parsers they use. */
    private static final String[] ANALYZERS = Stream.of(
                    "archive", "container..", "html", "lnk", "media", "mime..", "office..", "onenote", "pdf", "rtf")
            .map(p -> ENGINE + "." + p)
            .toArray(String[]::new);

    /** What an analyzer may use besides other analyzers and third-party libraries: the SPI and below. */
    private static final String[] SPI_AND_BELOW = Stream.of(
                    "analyze", "model", "content", "limits", "password", "binary", "detect", "sample")
            .map(p -> ENGINE + "." + p)
            .toArray(String[]::new);

    private static final JavaClasses ENGINE_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ENGINE);

    @Test
    void engine_packages_form_no_cycle() {
        cycleFree(ENGINE).check(ENGINE_CLASSES);
    }

    @Test
    void the_cycle_rule_sees_a_cycle_between_two_packages() {
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.prefilter.archfixture");
        assertTrue(cycleFree("dev.prefilter.archfixture").evaluate(fixture).hasViolation());
    }

    @Test
    void the_engine_has_packages_to_check() {
        long packages = ENGINE_CLASSES.stream()
                .map(JavaClass::getPackageName)
                .distinct()
                .count();
        assertTrue(packages > 25, "imported " + packages + " packages of " + ENGINE);
        assertEquals(
                0,
                ENGINE_CLASSES.stream()
                        .filter(c -> c.getPackageName().startsWith("dev.prefilter.archfixture"))
                        .count());
    }

    @Test
    void analyzers_use_only_the_spi_and_what_lies_below_it() {
        ArchRule rule = classes()
                .that()
                .resideInAnyPackage(ANALYZERS)
                .should()
                .onlyDependOnClassesThat(not(resideInAPackage("dev.prefilter.."))
                        .or(resideInAnyPackage(ANALYZERS))
                        .or(resideInAnyPackage(SPI_AND_BELOW)));
        rule.check(ENGINE_CLASSES);
    }

    @Test
    void the_spi_does_not_reach_up_into_the_engine_or_the_analyzers() {
        ArchRule rule = noClasses()
                .that()
                .resideInAnyPackage(SPI_AND_BELOW)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ANALYZERS)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(ENGINE, ENGINE + ".score..", ENGINE + ".report..");
        rule.check(ENGINE_CLASSES);
    }

    @Test
    void the_engine_knows_nothing_of_its_adapters_or_aws() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage(ENGINE + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.prefilter.mailscan..",
                        "dev.prefilter.cli..",
                        "dev.prefilter.local..",
                        "dev.prefilter.quarantine..",
                        "software.amazon..",
                        "com.amazonaws..");
        rule.check(ENGINE_CLASSES);
    }

    /** Every package (the root package included) is a slice of its own. */
    private static ArchRule cycleFree(String root) {
        SliceAssignment byPackage = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String pkg = javaClass.getPackageName();
                return pkg.equals(root) || pkg.startsWith(root + ".")
                        ? SliceIdentifier.of(pkg)
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "packages of " + root;
            }
        };
        return slices().assignedFrom(byPackage).should().beFreeOfCycles();
    }
}
