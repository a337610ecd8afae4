package dev.placenotify.renewal;

/** Why automated login needs a person, and what that person must do (the alert's text). */
public enum LoginProblem {
    CAPTCHA("Naver showed a captcha to the robot",
            "log in to Naver in a browser (solving the captcha), then import the cookies with"
                    + " './operator session import --account %s --cookies FILE'; automated renewal resumes after the import"),
    SECOND_FACTOR("Naver asked for a new-device or 2-step check",
            "approve the login on the account's phone or log in by hand, then import the cookies with"
                    + " './operator session import --account %s --cookies FILE'"),
    WRONG_PASSWORD("Naver rejected the id or password stored in the login secret",
            "put the right {\"username\",\"password\"} into the login secret, then run"
                    + " './operator session renew --account %s' (or import cookies by hand)"),
    PAGE_CHANGED("Naver's login page no longer looks as the renewal expects",
            "import cookies by hand ('./operator session import --account %s --cookies FILE') and have a developer"
                    + " update the page selectors (session-renewal LoginPage)"),
    NO_CREDENTIALS("the login secret has no usable {\"username\",\"password\"}",
            "put the account's {\"username\",\"password\"} into the login secret, then run"
                    + " './operator session renew --account %s'");

    private final String what;
    private final String todo;

    LoginProblem(String what, String todo) {
        this.what = what;
        this.todo = todo;
    }

    public String what() {
        return what;
    }

    public String whatToDo(String accountId) {
        return todo.formatted(accountId);
    }
}
