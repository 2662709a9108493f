package dev.prefilter.it.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Records every AWS API call the function's clients make, as "Service:Operation" plus whether it named an object version. */
public final class RecordedCalls implements ExecutionInterceptor {

    /**
     * @param key the object key for S3 calls, else null
     * @param range the byte range a GET asked for, else null
     */
    public record Call(String service, String operation, boolean versioned, String key, String range) {}

    private final Set<Call> calls = ConcurrentHashMap.newKeySet();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        boolean versioned = request.getValueForField("VersionId", String.class).isPresent();
        calls.add(new Call(
                attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                versioned,
                request.getValueForField("Key", String.class).orElse(null),
                request.getValueForField("Range", String.class).orElse(null)));
    }

    public Set<Call> calls() {
        return Set.copyOf(calls);
    }
}
