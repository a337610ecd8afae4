package dev.placenotify.renewal;

import dev.placenotify.session.SessionStore;
import dev.placenotify.shell.AwsClients;
import dev.placenotify.shell.DeadLetters;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.shell.SecretSource;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The renewal function's clients and collaborators, built once per cold start from its config. */
public final class RenewalComponents {
    private static final Logger LOG = LoggerFactory.getLogger(RenewalComponents.class);

    final RenewalConfig config;
    final DeadLetters deadLetters;
    final SessionRenewer renewer;

    public RenewalComponents(RenewalConfig config, Clock clock) {
        this(config, new BrowserLogin(config.browser().requireInstalled()), clock);
    }

    /** With another way to log in (tests of the shell around the browser). */
    public RenewalComponents(RenewalConfig config, AccountLogin login, Clock clock) {
        this.config = config;
        SqsClient sqs = AwsClients.sqs(config.sqs());
        this.deadLetters = new DeadLetters(sqs, config.renewalDlqUrl(), "session-renewal");
        SecretSource secrets = new SecretSource(AwsClients.secrets(config.secrets()), Duration.ofMinutes(5));
        String secretId = config.loginSecretId();
        // Read fresh for every login: a secret fixed after a wrong-password stop is used at once.
        this.renewer = new SessionRenewer(new SessionStore(AwsClients.dynamo(config.dynamo()), config.sessionsTable()),
                login, () -> LoginCredentials.from(secrets.refresh(secretId), secretId),
                new QueuePublisher(sqs, config.resultQueueUrl()), config.policy(), config.maxReceives(), clock);
        LOG.info("session renewal ready: Chromium {} with {}, login page {}, at most {} logins per hour per account",
                config.browser().chromium(), config.browser().chromedriver(), config.browser().loginUrl().getHost(),
                config.policy().maxAttemptsPerHour());
    }

    public SessionRenewer renewer() {
        return renewer;
    }
}
