package dev.ramp.notifications.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.ramp.notifications.NotificationConfigException;
import dev.ramp.notifications.RenderedMessage;
import dev.ramp.notifications.SendResult;
import dev.ramp.notifications.ServiceSettings;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The email service against GreenMail, a real SMTP server in-process. */
class EmailServiceTest {
  private static final String PASSWORD = "pa55-SECRET";

  private GreenMail mail;

  @BeforeEach
  void start() {
    mail = new GreenMail(new ServerSetup[] {
        ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()})
        .withConfiguration(GreenMailConfiguration.aConfig()
            .withUser("releases@ramp.example.com", "ramp", PASSWORD));
    mail.start();
  }

  @AfterEach
  void stop() {
    mail.stop();
  }

  private static EmailService service(int port, Map<String, Object> more) {
    Map<String, Object> values = new HashMap<>(Map.of(
        "host", "127.0.0.1", "port", port, "from", "Ramp <ramp@ramp.example.com>",
        "username", "ramp", "password", PASSWORD));
    values.putAll(more);
    return new EmailService(new ServiceSettings("email", "email", values));
  }

  private MimeMessage onlyReceived() {
    assertThat(mail.waitForIncomingEmail(5_000, 1)).isTrue();
    assertThat(mail.getReceivedMessages()).hasSize(1);
    return mail.getReceivedMessages()[0];
  }

  @Test
  void startTlsEncryptsTheSessionBeforeTheLoginAndTheMailArrives() throws Exception {
    try (StartTlsFront front = new StartTlsFront(mail.getSmtp().getPort())) {
      RenderedMessage message = new RenderedMessage("checkout aborted: errors 4%",
          Map.of("subject", "checkout v42 rolled back"));

      SendResult result = service(front.port(), Map.of("insecure_skip_verify", true))
          .send(Messages.outgoing("releases@ramp.example.com", message, Messages.ABORTED));

      assertThat(result).isInstanceOf(SendResult.Delivered.class);
      assertThat(result.message())
          .isEqualTo("the SMTP server took the email to releases@ramp.example.com");
      assertThat(front.encryptedSessions()).isEqualTo(1);
      MimeMessage received = onlyReceived();
      assertThat(received.getSubject()).isEqualTo("checkout v42 rolled back");
      assertThat(received.getFrom()).extracting(Object::toString)
          .containsExactly("Ramp <ramp@ramp.example.com>");
      assertThat(received.getAllRecipients()).extracting(Object::toString)
          .containsExactly("releases@ramp.example.com");
      assertThat(received.getHeader("Ramp-Delivery-Id")).containsExactly("delivery-1");
      assertThat(received.getContentType()).startsWith("text/plain");
      assertThat(((String) received.getContent()).strip()).isEqualTo("checkout aborted: errors 4%");
    }
  }

  @Test
  void aServerWithoutStartTlsGetsNeitherTheLoginNorTheMail() {
    SendResult result = service(mail.getSmtp().getPort(), Map.of())
        .send(Messages.text("releases@ramp.example.com", "checkout aborted"));

    assertThat(result).isInstanceOf(SendResult.Refused.class);
    assertThat(result.message()).isEqualTo("email: the SMTP server does not offer STARTTLS, and "
        + "Ramp sends no login or mail unencrypted unless the entry says starttls: false");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void anUntrustedCertificateIsRefusedBeforeTheLogin() throws Exception {
    try (StartTlsFront front = new StartTlsFront(mail.getSmtp().getPort())) {
      SendResult result = service(front.port(), Map.of())
          .send(Messages.text("releases@ramp.example.com", "checkout aborted"));

      assertThat(result).isInstanceOf(SendResult.Refused.class);
      assertThat(result.message()).startsWith("email: TLS with the SMTP server failed (")
          .endsWith("); is its certificate trusted?")
          .doesNotContain(PASSWORD);
      assertThat(mail.getReceivedMessages()).isEmpty();
    }
  }

  @Test
  void implicitTlsSendsOverTlsFromTheFirstByte() throws Exception {
    SendResult result = service(mail.getSmtps().getPort(),
        Map.of("implicitTLS", true, "insecure_skip_verify", "true"))
        .send(Messages.text("releases@ramp.example.com", "checkout aborted"));

    assertThat(result).isInstanceOf(SendResult.Delivered.class);
    assertThat(onlyReceived().getHeader("Ramp-Delivery-Id")).containsExactly("delivery-1");
  }

  @Test
  void whereTheEntrySaysStarttlsFalseATextOnlyMessageGoesInPlain() throws Exception {
    SendResult result = service(mail.getSmtp().getPort(), Map.of("starttls", false))
        .send(Messages.text("releases@ramp.example.com", "checkout aborted"));

    assertThat(result).isInstanceOf(SendResult.Delivered.class);
    MimeMessage received = onlyReceived();
    assertThat(received.getSubject()).isEqualTo("Rollout shop/checkout: on-rollout-aborted");
    assertThat(((String) received.getContent()).strip()).isEqualTo("checkout aborted");
  }

  @Test
  void anHtmlEntrySendsTheTemplatesBodyAsHtml() throws Exception {
    RenderedMessage message = new RenderedMessage("plain",
        Map.of("subject", "checkout", "body", "<p><b>checkout</b> aborted</p>"));

    service(mail.getSmtp().getPort(), Map.of("starttls", false, "html", true))
        .send(Messages.outgoing("releases@ramp.example.com", message, Messages.ABORTED));

    MimeMessage received = onlyReceived();
    assertThat(received.getContentType()).startsWith("text/html");
    assertThat(((String) received.getContent()).strip()).isEqualTo("<p><b>checkout</b> aborted</p>");
  }

  @Test
  void aWrongPasswordIsRefusedWithoutSayingIt() {
    SendResult result = service(mail.getSmtp().getPort(),
        Map.of("starttls", false, "password", "wrong-SECRET"))
        .send(Messages.text("releases@ramp.example.com", "checkout aborted"));

    assertThat(result).isInstanceOf(SendResult.Refused.class);
    assertThat(result.message())
        .isEqualTo("email: the SMTP server did not accept the username and password");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void aServerThatCannotBeReachedIsTriedAgain() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    SendResult result = service(closedPort, Map.of())
        .send(Messages.text("releases@ramp.example.com", "checkout aborted"));

    assertThat(result).isInstanceOf(SendResult.Retry.class);
    assertThat(result.message())
        .isEqualTo("email: the SMTP server could not be reached (ConnectException)");
  }

  @Test
  void aRecipientThatIsNotAnAddressIsRefusedWithoutConnecting() {
    SendResult result = service(mail.getSmtp().getPort(), Map.of("starttls", false))
        .send(Messages.text("#releases", "checkout aborted"));

    assertThat(result).isInstanceOf(SendResult.Refused.class);
    assertThat(result.message())
        .isEqualTo("email: the recipient \"#releases\" is not an email address");
  }

  @Test
  void configurationErrorsNameTheEntryAndFieldButNoValue() {
    assertThatThrownBy(() -> new EmailService(new ServiceSettings("email", "email",
        Map.of("from", "ramp@ramp.example.com"))))
        .isInstanceOf(NotificationConfigException.class)
        .hasMessage("service.email needs \"host\"");
    assertThatThrownBy(() -> new EmailService(new ServiceSettings("email", "gmail",
        Map.of("host", "smtp.example.com", "from", "not an address"))))
        .isInstanceOf(NotificationConfigException.class)
        .hasMessage("service.email.gmail: \"from\" is not an email address");
    assertThatThrownBy(() -> new EmailService(new ServiceSettings("email", "email",
        Map.of("host", "smtp.example.com", "from", "ramp@ramp.example.com",
            "username", "ramp"))))
        .isInstanceOf(NotificationConfigException.class)
        .hasMessage("service.email needs both \"username\" and \"password\", or neither");
    assertThatThrownBy(() -> new EmailService(new ServiceSettings("email", "email",
        Map.of("host", "smtp.example.com", "from", "ramp@ramp.example.com", "port", "smtp"))))
        .isInstanceOf(NotificationConfigException.class)
        .hasMessage("service.email: \"port\" must be a whole number");
    assertThatThrownBy(() -> new EmailService(new ServiceSettings("email", "email",
        Map.of("host", "smtp.example.com", "from", "ramp@ramp.example.com", "starttls", "yes"))))
        .isInstanceOf(NotificationConfigException.class)
        .hasMessage("service.email: \"starttls\" must be true or false");
  }
}
