package dev.placenotify.operator.optout;

import dev.placenotify.model.PersonalData;
import dev.placenotify.operator.OperatorCommand;
import dev.placenotify.operator.OperatorContext;
import dev.placenotify.operator.OperatorException;
import dev.placenotify.sender.SensCredentials;
import dev.placenotify.sender.optout.PhoneNumbers;
import dev.placenotify.sender.optout.SensUnsubscribes;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code optout list|add|remove}: the SENS unsubscribe list (080 수신거부) the sender consults before every
 * advertisement. Numbers are printed masked; {@code add} and {@code remove} show what they would do and change
 * nothing without {@code --yes}.
 */
@Command(name = "optout", description = "the SENS unsubscribe list (080 수신거부): list, add or remove a number (masked output)",
        subcommands = {OptOutCommand.ListCommand.class, OptOutCommand.AddCommand.class, OptOutCommand.RemoveCommand.class})
public final class OptOutCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: list, add or remove");
    }

    @Command(name = "list", description = "every number on the list, masked, with when and how it was added")
    public static final class ListCommand extends OperatorCommand {
        @Mixin
        SensAccess sens = new SensAccess();

        @Override
        protected int run(OperatorContext ctx) {
            SensCredentials creds = sens.credentials(ctx);
            List<SensUnsubscribes.Entry> entries = list(sens, ctx, creds);
            ctx.out().println("SENS unsubscribe list (" + entries.size() + (entries.size() == 1 ? " number" : " numbers")
                    + "; the sender sends no advertising to these):");
            for (SensUnsubscribes.Entry e : entries) {
                ctx.out().println("  " + PersonalData.maskPhone(e.clientTelNo()) + "  registered " + e.registerTime() + " KST  via "
                        + ("C".equals(e.registerType()) ? "080 call (ARS)" : "M".equals(e.registerType()) ? "manual" : e.registerType()));
            }
            return OperatorCommand.OK;
        }
    }

    @Command(name = "add", description = "add a number: the sender sends it no advertising from its next list read (dry run; --yes applies)")
    public static final class AddCommand extends OperatorCommand {
        @Mixin
        SensAccess sens = new SensAccess();

        @Parameters(paramLabel = "NUMBER", description = "phone number, e.g. 010-1234-5678")
        String number;

        @Override
        protected int run(OperatorContext ctx) {
            return change(ctx, sens, number, true);
        }
    }

    @Command(name = "remove", description = "remove a number: advertising may reach it again (dry run; --yes applies)")
    public static final class RemoveCommand extends OperatorCommand {
        @Mixin
        SensAccess sens = new SensAccess();

        @Parameters(paramLabel = "NUMBER", description = "phone number, e.g. 010-1234-5678")
        String number;

        @Override
        protected int run(OperatorContext ctx) {
            return change(ctx, sens, number, false);
        }
    }

    private static List<SensUnsubscribes.Entry> list(SensAccess sens, OperatorContext ctx, SensCredentials creds) {
        try {
            return sens.client(ctx).list(creds);
        } catch (SensUnsubscribes.UnsubscribeException e) {
            throw new OperatorException(e.getMessage(), e);
        }
    }

    private static int change(OperatorContext ctx, SensAccess sens, String number, boolean add) {
        String digits = PhoneNumbers.normalise(number);
        if (!digits.matches("0\\d{8,10}")) {
            throw new OperatorException("not a Korean phone number: " + PersonalData.maskPhone(number)
                    + " (expected e.g. 010-1234-5678)");
        }
        String masked = PersonalData.maskPhone(digits);
        SensCredentials creds = sens.credentials(ctx);
        boolean listed = list(sens, ctx, creds).stream().anyMatch(e -> PhoneNumbers.normalise(e.clientTelNo()).equals(digits));
        if (listed == add) {
            ctx.out().println(masked + (add ? " is already on the list" : " is not on the list") + ": nothing to do");
            return OperatorCommand.OK;
        }
        String what = (add ? "add " : "remove ") + masked + (add ? " to" : " from") + " the SENS unsubscribe list";
        if (!ctx.options().yes()) {
            ctx.out().println("dry run: would " + what + (add ? " (no advertising to it from the sender's next list read)"
                    : " (advertising may reach it again)") + "; pass --yes to do it");
            return OperatorCommand.OK;
        }
        try {
            if (add) {
                sens.client(ctx).add(List.of(digits), creds);
            } else {
                sens.client(ctx).remove(List.of(digits), creds);
            }
        } catch (SensUnsubscribes.UnsubscribeException e) {
            throw new OperatorException(e.getMessage(), e);
        }
        ctx.out().println((add ? "added " : "removed ") + masked + (add ? " to" : " from") + " the SENS unsubscribe list by "
                + ctx.operatorName() + "; warm senders use it within OPTOUT_MAX_AGE_SECONDS (5 min by default)");
        return OperatorCommand.OK;
    }
}
