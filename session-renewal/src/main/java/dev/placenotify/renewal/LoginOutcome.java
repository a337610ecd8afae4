package dev.placenotify.renewal;

/** What one browser login produced. */
public sealed interface LoginOutcome {
    /** Logged in, the account page opened with the new cookies. */
    record LoggedIn(String nidAut, String nidSes) implements LoginOutcome {
        @Override
        public String toString() {
            return "LoggedIn[cookies hidden]";
        }
    }

    /** A person must act; trying again would not help (and could lock the account). */
    record NeedsHuman(LoginProblem problem, String detail) implements LoginOutcome {}

    /** The browser, the network or Naver failed; a later attempt may work. */
    record Failed(String reason) implements LoginOutcome {}
}
