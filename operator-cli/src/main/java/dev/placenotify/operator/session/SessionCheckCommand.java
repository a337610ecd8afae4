package dev.placenotify.operator.session;

import dev.placenotify.operator.Kst;
import dev.placenotify.operator.OperatorCommand;
import dev.placenotify.operator.OperatorContext;
import dev.placenotify.operator.OperatorException;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Shows an account's stored session and asks Naver whether its cookies still work. Read-only: a session
 * Naver rejects is marked expired by the fetcher on its next fetch, not here. Exit 0 only when the session
 * is stored as VALID and Naver accepts it.
 */
@Command(name = "check", description = "show an account's session and test its cookies against Naver (read-only)")
public final class SessionCheckCommand extends OperatorCommand {
    @Option(names = "--account", required = true, description = "Naver partner account id")
    String accountId;

    @Option(names = "--store", description = "store to test against (default: the account's first store in the catalog)")
    String storeId;

    @Option(names = "--no-probe", description = "only show what is stored; do not call Naver")
    boolean noProbe;

    @Override
    protected int run(OperatorContext ctx) {
        SessionItems.Stored stored = SessionCommand.items(ctx).find(accountId).orElseThrow(() -> new OperatorException(
                "no session stored for account " + accountId + ": import one with 'session import --account "
                        + accountId + " --cookies FILE'"));
        SessionView v = stored.view();
        var out = ctx.out();
        out.println("account      " + v.accountId());
        out.println("status       " + v.status());
        out.println("validated    " + Kst.minutes(v.validatedAt()));
        out.println("version      " + v.version());
        if (v.expiredAt() != null) {
            out.println("expired      " + Kst.minutes(v.expiredAt()));
        }
        if (v.importedBy() != null) {
            out.println("imported by  " + v.importedBy());
        }
        if (v.renewedBy() != null) {
            out.println("renewed by   " + v.renewedBy());
        }
        if (v.renewalLeaseUntil() != null) {
            out.println("renewing     automated login in progress until " + Kst.minutes(Instant.ofEpochMilli(v.renewalLeaseUntil())));
        }
        if (v.loginBlocked() != null) {
            out.println("login        blocked: " + v.loginBlocked() + " (import cookies, or fix the cause and run"
                    + " 'session renew --account " + v.accountId() + "')");
        } else if (v.loginFailures() > 0) {
            out.println("login        " + v.loginFailures() + " failed attempt(s) in a row, last: " + v.lastLoginError()
                    + (v.loginNotBefore() == null ? "" : "; next not before "
                    + Kst.minutes(Instant.ofEpochMilli(v.loginNotBefore()))));
        }
        boolean valid = "VALID".equals(v.status()) && v.loginBlocked() == null;
        if (noProbe) {
            return valid ? OK : FAILED;
        }
        if (stored.cookies().isEmpty()) {
            out.println("naver        no cookies stored");
            return FAILED;
        }
        String store = SessionCommand.storeFor(ctx, accountId, Optional.ofNullable(storeId));
        NaverSessionProbe.Verdict verdict = SessionImportCommand.probe(ctx, stored.cookies().get(), store, ctx.clock().instant());
        out.println("naver        " + (verdict.accepted() ? "accepts the cookies" : "rejects the cookies") + " (" + verdict.detail() + ")");
        return valid && verdict.accepted() ? OK : FAILED;
    }
}
