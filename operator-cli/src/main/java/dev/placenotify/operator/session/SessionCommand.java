package dev.placenotify.operator.session;

import dev.placenotify.model.StoreSettings;
import dev.placenotify.operator.OperatorContext;
import dev.placenotify.operator.OperatorException;
import dev.placenotify.model.Topology;
import java.util.Comparator;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code session import}, {@code session check} and {@code session renew}: the Naver cookie sessions the fetcher uses. */
@Command(name = "session", description = "Naver partner sessions (cookies) per account",
        subcommands = {SessionImportCommand.class, SessionCheckCommand.class, SessionRenewCommand.class})
public final class SessionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: import, check or renew");
    }

    /** The store to validate an account's cookies against: the one named, else the account's first store. */
    static String storeFor(OperatorContext ctx, String accountId, Optional<String> named) {
        if (named.isPresent()) {
            StoreSettings s = ctx.catalog().find(named.get()).orElseThrow(() -> new OperatorException(
                    "store " + named.get() + " is not in the store catalog"));
            if (!s.accountId().equals(accountId)) {
                throw new OperatorException("store " + s.storeId() + " belongs to account " + s.accountId()
                        + ", not " + accountId);
            }
            return s.storeId();
        }
        return ctx.catalog().all().stream().filter(s -> s.accountId().equals(accountId))
                .sorted(Comparator.comparing(s -> !s.enabled()))
                .map(StoreSettings::storeId).findFirst()
                .orElseThrow(() -> new OperatorException("no store in the catalog belongs to account " + accountId
                        + ", so there is nothing to validate the cookies against (name one with --store, or check --stores-file)"));
    }

    static SessionItems items(OperatorContext ctx) {
        return new SessionItems(ctx.dynamo(), ctx.target().table(Topology.SESSIONS));
    }
}
