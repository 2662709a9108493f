package dev.prefilter.review;

/** Hands a released mail to delivery. */
public interface ReleasePublisher {

    void publish(ReleaseMessage message);
}
