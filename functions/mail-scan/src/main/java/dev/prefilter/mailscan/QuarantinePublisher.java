package dev.prefilter.mailscan;

/** Announces a suspicious or malicious mail to whoever reviews quarantine. */
public interface QuarantinePublisher {

    void publish(QuarantineMessage message);
}
