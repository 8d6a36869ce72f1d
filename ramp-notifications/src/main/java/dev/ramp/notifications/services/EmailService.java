package dev.ramp.notifications.services;

import dev.ramp.notifications.NotificationConfigException;
import dev.ramp.notifications.NotificationService;
import dev.ramp.notifications.Outgoing;
import dev.ramp.notifications.SendResult;
import dev.ramp.notifications.ServiceSettings;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Date;
import java.util.Properties;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Email over SMTP ({@code service.email}), with Argo's fields: {@code host}, {@code port}, {@code
 * from}, {@code username} and {@code password} (both or neither), {@code html}, {@code
 * insecure_skip_verify}. The connection is encrypted before any login or mail goes over it:
 * STARTTLS, required (a server that does not offer it gets nothing), unless the entry says
 * {@code starttls: false}; or TLS from the first byte ({@code implicitTLS}, the default on port
 * 465, as Argo's). The recipient is an address; the template's {@code email} section gives the
 * {@code subject} and may give the {@code body} (the message text otherwise).
 */
public final class EmailService implements NotificationService {
  private final Session session;
  private final String host;
  private final int port;
  private final InternetAddress from;
  private final String username;
  private final String password;
  private final boolean html;

  public EmailService(ServiceSettings settings) {
    this.host = settings.required("host").strip();
    this.port = EntryFields.integer(settings, "port", 587);
    try {
      this.from = new InternetAddress(settings.required("from").strip(), true);
    } catch (AddressException e) {
      throw new NotificationConfigException(
          "service." + settings.entryName() + ": \"from\" is not an email address");
    }
    this.username = EntryFields.optional(settings, "username");
    this.password = EntryFields.optional(settings, "password");
    if ((username == null) != (password == null)) {
      throw new NotificationConfigException("service." + settings.entryName()
          + " needs both \"username\" and \"password\", or neither");
    }
    this.html = EntryFields.bool(settings, "html", false);
    boolean implicitTls = EntryFields.bool(settings, "implicitTLS", port == 465);
    boolean starttls = EntryFields.bool(settings, "starttls", true);
    boolean insecure = EntryFields.bool(settings, "insecure_skip_verify", false);
    this.session = Session.getInstance(properties(
        implicitTls, starttls, insecure, EntryFields.timeout(settings).toMillis()));
  }

  private Properties properties(
      boolean implicitTls, boolean starttls, boolean insecure, long timeoutMillis) {
    String protocol = implicitTls ? "smtps" : "smtp";
    String p = "mail." + protocol + ".";
    Properties properties = new Properties();
    properties.put("mail.transport.protocol", protocol);
    properties.put(p + "auth", String.valueOf(username != null));
    properties.put(p + "connectiontimeout", String.valueOf(timeoutMillis));
    properties.put(p + "timeout", String.valueOf(timeoutMillis));
    properties.put(p + "writetimeout", String.valueOf(timeoutMillis));
    if (!implicitTls && starttls) {
      properties.put(p + "starttls.enable", "true");
      properties.put(p + "starttls.required", "true");
    }
    properties.put(p + "ssl.checkserveridentity", String.valueOf(!insecure));
    if (insecure) {
      properties.put(p + "ssl.trust", "*");
    }
    return properties;
  }

  @Override
  public SendResult send(Outgoing outgoing) {
    InternetAddress[] to;
    try {
      to = InternetAddress.parse(outgoing.recipient() == null ? "" : outgoing.recipient(), true);
      for (InternetAddress address : to) {
        address.validate();
      }
    } catch (AddressException e) {
      return new SendResult.Refused(
          "email: the recipient \"" + outgoing.recipient() + "\" is not an email address");
    }
    if (to.length == 0) {
      return new SendResult.Refused("email needs an address: the subscription names none");
    }
    try {
      MimeMessage message = message(outgoing, to);
      try (Transport transport = session.getTransport()) {
        transport.connect(host, port, username, password);
        transport.sendMessage(message, to);
      }
    } catch (MessagingException e) {
      return failed(e);
    }
    return SendResult.Delivered.plainly("the SMTP server took the email to "
        + outgoing.recipient().strip());
  }

  private MimeMessage message(Outgoing outgoing, InternetAddress[] to)
      throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(from);
    message.setRecipients(Message.RecipientType.TO, to);
    String subject = outgoing.message().field("subject");
    message.setSubject(subject == null || subject.isBlank()
        ? MessageText.headline(outgoing) : subject.strip(), "UTF-8");
    String body = outgoing.message().field("body");
    String text = body == null || body.isBlank() ? MessageText.of(outgoing) : body;
    message.setText(text, "UTF-8", html ? "html" : "plain");
    message.setHeader(JsonPost.DELIVERY_ID, outgoing.deliveryId());
    message.setSentDate(new Date());
    return message;
  }

  /** Sorts what went wrong; SMTP's own replies (4xx: later, 5xx: never) decide when given. */
  private static SendResult failed(MessagingException e) {
    if (e instanceof AuthenticationFailedException) {
      return new SendResult.Refused(
          "email: the SMTP server did not accept the username and password");
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      Integer code = smtpCode(cause);
      if (code != null) {
        String said = "email: the SMTP server answered " + cause.getMessage().strip();
        return code >= 400 && code < 500
            ? new SendResult.Retry(said, null) : new SendResult.Refused(said);
      }
      if (cause instanceof SSLException) {
        return new SendResult.Refused("email: TLS with the SMTP server failed ("
            + cause.getMessage() + "); is its certificate trusted?");
      }
      if (cause instanceof SocketTimeoutException) {
        return new SendResult.Retry("email: the SMTP server did not answer in time", null);
      }
      if (cause instanceof IOException) {
        return new SendResult.Retry("email: the SMTP server could not be reached ("
            + cause.getClass().getSimpleName() + ")", null);
      }
    }
    if (String.valueOf(e.getMessage()).contains("STARTTLS")) {
      return new SendResult.Refused("email: the SMTP server does not offer STARTTLS, and Ramp "
          + "sends no login or mail unencrypted unless the entry says starttls: false");
    }
    return new SendResult.Retry("email: sending failed: " + e.getMessage(), null);
  }

  private static Integer smtpCode(Throwable e) {
    if (e instanceof SMTPSendFailedException s) {
      return s.getReturnCode();
    }
    if (e instanceof SMTPAddressFailedException s) {
      return s.getReturnCode();
    }
    if (e instanceof SMTPSenderFailedException s) {
      return s.getReturnCode();
    }
    return null;
  }
}
