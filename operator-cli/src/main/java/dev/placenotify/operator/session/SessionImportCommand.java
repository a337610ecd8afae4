package dev.placenotify.operator.session;

import dev.placenotify.operator.Kst;
import dev.placenotify.operator.OperatorCommand;
import dev.placenotify.operator.OperatorContext;
import dev.placenotify.operator.OperatorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Stores fresh Naver cookies for an account, after Naver has accepted them. */
@Command(name = "import", description = "validate Naver cookies against the partner API, then store them as the account's session")
public final class SessionImportCommand extends OperatorCommand {
    private static final int ATTEMPTS = 3;

    @Option(names = "--account", required = true, description = "Naver partner account id (stores.json accountId)")
    String accountId;

    @Option(names = "--cookies", required = true, paramLabel = "FILE|-",
            description = "file (or - for stdin) with a Cookie header 'NID_AUT=...; NID_SES=...' or JSON {\"NID_AUT\":...,\"NID_SES\":...}")
    String cookiesSource;

    @Option(names = "--store", description = "store to validate against (default: the account's first store in the catalog)")
    String storeId;

    @Override
    protected int run(OperatorContext ctx) {
        CookiePair cookies = CookiePair.parse(read(ctx));
        String store = SessionCommand.storeFor(ctx, accountId, Optional.ofNullable(storeId));
        Instant now = ctx.clock().instant();
        NaverSessionProbe.Verdict verdict = probe(ctx, cookies, store, now);
        if (!verdict.accepted()) {
            throw new OperatorException("Naver did not accept these cookies for store " + store + ": " + verdict.detail()
                    + ". Nothing was stored.");
        }
        ctx.out().println("Naver accepted the cookies (store " + store + ").");
        SessionItems items = SessionCommand.items(ctx);
        Optional<SessionItems.Stored> current = items.find(accountId);
        ctx.confirm("Store them as the session of account " + accountId + current.map(c -> " (replacing version "
                + c.view().version() + ", " + c.view().status() + ")").orElse(" (no session stored yet)") + "?");
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Long> expected = current.map(c -> c.view().version());
            Optional<Long> written = items.importCookies(accountId, cookies, expected, now, ctx.operatorName());
            if (written.isPresent()) {
                ctx.out().println("session of account " + accountId + " stored: VALID, version " + written.get()
                        + ", validated " + Kst.seconds(now) + " by " + ctx.operatorName());
                return OK;
            }
            // A fetcher expired or renewed it between our read and write: the operator's cookies still win.
            current = items.find(accountId);
        }
        throw new OperatorException("the session of account " + accountId + " kept changing while importing ("
                + ATTEMPTS + " attempts); run the command again");
    }

    private String read(OperatorContext ctx) {
        try {
            if (cookiesSource.equals("-")) {
                return new String(ctx.terminal().stdin().readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(cookiesSource), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OperatorException("cannot read cookies from " + cookiesSource + ": " + e.getMessage(), e);
        }
    }

    static NaverSessionProbe.Verdict probe(OperatorContext ctx, CookiePair cookies, String store, Instant now) {
        try {
            return new NaverSessionProbe(ctx.naverBaseUrl()).check(cookies, store, now);
        } catch (IllegalStateException e) {
            throw new OperatorException(e.getMessage() + " (--naver-base-url?)", e);
        }
    }
}
