package dev.prefilter.review;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/** {@code --stack NAME}: where the quarantine is, from the outputs (and the policy parameter) of the deployed template. */
public final class StackOutputs {

    public static final String BUCKET = "MailBucketName";
    public static final String PREFIX = "OutputPrefix";
    public static final String QUARANTINE_QUEUE = "QuarantineQueueUrl";
    public static final String RELEASE_QUEUE = "ReleaseQueueUrl";
    public static final String BATCH_FUNCTION = "BatchRescanFunctionArn";
    public static final String BATCH_ROLE = "BatchOperationsRoleArn";
    /** The outputs the tool reads; the template must declare each. */
    public static final List<String> OUTPUTS =
            List.of(BUCKET, PREFIX, QUARANTINE_QUEUE, RELEASE_QUEUE, BATCH_FUNCTION, BATCH_ROLE);
    /** The parameter re-scans take their policy from. */
    public static final String POLICY_PARAMETER = "PolicyJson";

    private StackOutputs() {}

    public static ReviewConfig read(CloudFormationClient cloudFormation, String stackName, Optional<URI> endpoint) {
        Stack stack;
        try {
            stack = cloudFormation
                    .describeStacks(d -> d.stackName(stackName))
                    .stacks()
                    .get(0);
        } catch (CloudFormationException e) {
            if (e.statusCode() == 400) {
                throw new ReviewException(ReviewError.USAGE, "no CloudFormation stack named " + stackName, e);
            }
            throw e;
        }
        Map<String, String> outputs = new HashMap<>();
        stack.outputs().forEach(o -> outputs.put(o.outputKey(), o.outputValue()));
        Map<String, String> parameters = new HashMap<>();
        stack.parameters().forEach(p -> parameters.put(p.parameterKey(), p.parameterValue()));
        return fromOutputs(stackName, outputs, parameters, endpoint);
    }

    static ReviewConfig fromOutputs(
            String stackName, Map<String, String> outputs, Map<String, String> parameters, Optional<URI> endpoint) {
        String bucket = outputs.get("MailBucketName");
        if (bucket == null) {
            throw new ReviewException(
                    ReviewError.USAGE,
                    "stack " + stackName + " has no MailBucketName output: is it a prefilter stack?");
        }
        return new ReviewConfig(
                bucket,
                outputs.get("OutputPrefix"),
                outputs.get("QuarantineQueueUrl"),
                outputs.get("ReleaseQueueUrl"),
                endpoint,
                parameters.get("PolicyJson"),
                Optional.ofNullable(outputs.get("BatchRescanFunctionArn")),
                Optional.ofNullable(outputs.get("BatchOperationsRoleArn")));
    }
}
