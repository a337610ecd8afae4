package dev.placenotify.planner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * The planner's decision is a pure function of (now, store settings, rules, snapshot, stored state): the
 * core and the rule model reach no AWS, no network, no files, no clock and no JVM default time zone, and
 * never the shell around them.
 */
class CorePurityTest {
    private static final JavaClasses PLANNER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.placenotify.planner");

    @Test
    void theCoreAndTheRulesReachNoInfrastructure() {
        noClasses().that().resideInAnyPackage("..planner.core..", "..planner.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "java.net..", "java.nio.file..",
                        "java.sql..", "org.slf4j..")
                .because("the decision must stay a pure function; I/O belongs to PlannerStage and its stores")
                .check(PLANNER);
    }

    @Test
    void theCoreAndTheRulesNeverReadAClockOrTheDefaultTimeZone() {
        noClasses().that().resideInAnyPackage("..planner.core..", "..planner.rules..")
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
                .orShould().callMethod(java.time.ZoneId.class, "systemDefault")
                .because("'now' is the cycle's scheduled time, passed in; calendars are Asia/Seoul, explicitly")
                .check(PLANNER);
    }

    @Test
    void theCoreAndTheRulesDoNotKnowTheShell() {
        noClasses().that().resideInAnyPackage("..planner.core..", "..planner.rules..")
                .should().dependOnClassesThat().resideInAPackage("dev.placenotify.planner")
                .orShould().dependOnClassesThat().resideInAPackage("dev.placenotify.shell..")
                .check(PLANNER);
    }
}
