package dev.prefilter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.S3BatchEventV2;
import com.amazonaws.services.lambda.runtime.events.S3BatchResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.it.support.PipelineHarness;
import dev.prefilter.it.support.RecordedCalls;
import dev.prefilter.it.support.SharedServers;
import dev.prefilter.local.env.LocalContext;
import dev.prefilter.local.env.LocalEventSource;
import dev.prefilter.local.env.MailDrop;
import dev.prefilter.local.mail.DemoMails;
import dev.prefilter.mailscan.LambdaConfig;
import dev.prefilter.mailscan.MailProcessor;
import dev.prefilter.mailscan.quarantine.RecordState;
import dev.prefilter.review.StackOutputs;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds template.yaml against the code it deploys: handlers that exist in the built artifact,
 * the artifact where CodeUri says, every environment variable the code reads set (and none it
 * does not), and the role allowing exactly the AWS actions the code was seen to call.
 */
class TemplateContractIT {

    private static final Path REPOSITORY = Path.of(System.getProperty("prefilter.repository", ".."));
    private static JsonNode template;
    private static JsonNode resources;

    /** What the platform does for the function, not its code: logs, the SQS event source, the on-failure destination. */
    private static final Set<String> PLATFORM_ACTIONS = Set.of(
            "logs:CreateLogStream",
            "logs:PutLogEvents",
            "sqs:ReceiveMessage",
            "sqs:DeleteMessage",
            "sqs:GetQueueAttributes");

    @BeforeAll
    static void read() throws IOException {
        template = new ObjectMapper(new YAMLFactory())
                .readTree(REPOSITORY.resolve("template.yaml").toFile());
        resources = template.path("Resources");
    }

    private static Set<Map.Entry<String, JsonNode>> functions() {
        Set<Map.Entry<String, JsonNode>> functions = new HashSet<>();
        resources.fields().forEachRemaining(e -> {
            if (e.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                functions.add(
                        new AbstractMap.SimpleEntry<>(e.getKey(), e.getValue().path("Properties")));
            }
        });
        return functions;
    }

    private static JsonNode property(JsonNode function, String name) {
        JsonNode own = function.path(name);
        return own.isMissingNode() ? template.path("Globals").path("Function").path(name) : own;
    }

    @Test
    void every_handler_resolves_in_the_artifact_codeuri_names() throws Exception {
        assertEquals(3, functions().size());
        for (Map.Entry<String, JsonNode> f : functions()) {
            Path artifact = REPOSITORY.resolve(property(f.getValue(), "CodeUri").asText());
            assertTrue(
                    Files.isRegularFile(artifact),
                    f.getKey() + ": CodeUri " + artifact + " is what the build produces");
            assertEquals("java21", property(f.getValue(), "Runtime").asText());
            String[] handler = property(f.getValue(), "Handler").asText().split("::");
            try (URLClassLoader jar =
                    new URLClassLoader(new URL[] {artifact.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
                Class<?> type = Class.forName(handler[0], false, jar);
                assertTrue(
                        Modifier.isPublic(type.getConstructor().getModifiers()),
                        handler[0] + " has the public no-arg constructor Lambda calls");
                Method method = null;
                for (Method m : type.getMethods()) {
                    if (m.getName().equals(handler[1])
                            && m.getParameterCount() == 2
                            && m.getParameterTypes()[1].getName().equals(Context.class.getName())
                            && !m.isBridge()) {
                        method = m;
                    }
                }
                assertTrue(method != null, f.getKey() + ": " + handler[1] + "(event, Context) on " + handler[0]);
                assertTrue(classMajorVersion(jar, handler[0]) <= 65, "bytecode the java21 runtime can load");
            }
        }
    }

    private static int classMajorVersion(ClassLoader jar, String className) throws IOException {
        try (InputStream in = jar.getResourceAsStream(className.replace('.', '/') + ".class");
                DataInputStream data = new DataInputStream(in)) {
            data.readInt();
            data.readUnsignedShort();
            return data.readUnsignedShort();
        }
    }

    @Test
    void every_variable_the_code_reads_is_set_and_every_set_one_is_read() throws IOException {
        Set<String> read = ConcurrentHashMap.newKeySet();
        Map<String, String> recording = new HashMap<>() {
            @Override
            public String get(Object key) {
                read.add((String) key);
                return super.get(key);
            }
        };
        recording.put(LambdaConfig.QUARANTINE_QUEUE_URL, "https://sqs.eu-west-1.amazonaws.com/123456789012/q.fifo");
        LambdaConfig.fromEnvironment(recording);
        // names written out in the artifact's own classes, in case any code reads one elsewhere
        Path artifact = REPOSITORY.resolve(
                template.path("Globals").path("Function").path("CodeUri").asText());
        Pattern constant = Pattern.compile("PREFILTER_[A-Z0-9_]+");
        try (ZipFile zip = new ZipFile(artifact.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (e.getName().startsWith("dev/prefilter/") && e.getName().endsWith(".class")) {
                    Matcher m = constant.matcher(
                            new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.ISO_8859_1));
                    while (m.find()) {
                        if (!m.group().endsWith("_")) {
                            read.add(m.group());
                        }
                    }
                }
            }
        }
        Set<String> set = new TreeSet<>();
        template.path("Globals")
                .path("Function")
                .path("Environment")
                .path("Variables")
                .fieldNames()
                .forEachRemaining(set::add);
        for (Map.Entry<String, JsonNode> f : functions()) {
            f.getValue().path("Environment").path("Variables").fieldNames().forEachRemaining(set::add);
        }
        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(set);
        assertTrue(missing.isEmpty(), "read by the code but not set in template.yaml: " + missing);
        Set<String> unused = new TreeSet<>(set);
        unused.removeIf(name -> !name.startsWith(LambdaConfig.PREFIX) || read.contains(name));
        assertTrue(unused.isEmpty(), "set in template.yaml but read by no code: " + unused);
    }

    @Test
    void the_role_allows_exactly_the_actions_the_code_calls() {
        JsonNode statements = resources
                .path("MailScanRole")
                .path("Properties")
                .path("Policies")
                .path(0)
                .path("PolicyDocument")
                .path("Statement");
        Map<String, Set<String>> allowed = new HashMap<>();
        for (JsonNode s : statements) {
            assertEquals("Allow", s.path("Effect").asText());
            assertFalse(s.path("Resource").asText().equals("*"), "no statement on every resource: " + s);
            for (JsonNode a : s.path("Action").isArray()
                    ? s.path("Action")
                    : new ObjectMapper().createArrayNode().add(s.path("Action"))) {
                assertFalse(a.asText().contains("*"), "no wildcard actions: " + a.asText());
                allowed.computeIfAbsent(a.asText(), k -> new HashSet<>())
                        .add(s.path("Resource").toString());
            }
        }
        for (Map.Entry<String, JsonNode> f : functions()) {
            assertTrue(
                    f.getValue().path("Policies").isMissingNode(), "no SAM policy templates: the role says everything");
            assertEquals("MailScanRole.Arn", f.getValue().path("Role").asText());
        }

        Set<String> called = observedActions(allowed);
        Set<String> needed = new TreeSet<>(called);
        needed.addAll(PLATFORM_ACTIONS);
        needed.add("s3:ListBucket"); // a missing report must answer 404, not 403, for the report check to work
        // taken only when an administrator changes a record while the function indexes it: the stale entry goes
        needed.add("s3:DeleteObject");
        assertEquals(needed, new TreeSet<>(allowed.keySet()), "the role allows what is called, and nothing more");
    }

    /** Runs the flows through the handlers with recording clients and maps each call to its IAM action and resource. */
    private Set<String> observedActions(Map<String, Set<String>> allowed) {
        Set<String> actions = new TreeSet<>();
        try (PipelineHarness h =
                        new PipelineHarness(SharedServers.loopback(), "contract", new PipelineHarness.Options());
                LocalEventSource intake = h.eventSource(Duration.ofSeconds(60), 5)) {
            MailDrop drop = h.pipeline.mailDrop();
            String prefix = h.pipeline.resources().incomingPrefix() + "contract/";
            for (DemoMails.DemoMail mail : DemoMails.all(prefix)) {
                drop.announce(drop.drop(mail.key(), mail.bytes()));
            }
            MailDrop.Dropped direct = drop.store(prefix + "direct.eml", DemoMails.doubleExtension());
            h.s3Handler.handleRequest(
                    h.s3PutEvent(direct.object(), Path.of(System.getProperty("java.io.tmpdir"))),
                    new LocalContext(Duration.ofSeconds(60), 2048));
            assertTrue(intake.drain(Duration.ofSeconds(120)));
            assertTrue(h.deadLetters().isEmpty());
            S3BatchEventV2 batch = EventLoader.loadEvent("events/s3-batch-rescan.json", S3BatchEventV2.class);
            batch.getTasks().forEach(t -> {
                t.setS3Bucket(direct.object().bucket());
                t.setS3Key(
                        dev.prefilter.local.env.Events.encodeKey(direct.object().key()));
                t.setS3VersionId(direct.object().versionId());
            });
            assertEquals(
                    S3BatchResponse.ResultCode.Succeeded,
                    h.batchHandler
                            .handleRequest(batch, new LocalContext(Duration.ofSeconds(60), 2048))
                            .getResults()
                            .get(0)
                            .getResultCode());
            String outputs = h.config.outputPrefix();
            for (RecordedCalls.Call call : h.calls.calls()) {
                String action = iamAction(call);
                actions.add(action);
                if (call.key() != null) {
                    String prefixParameter = call.key().startsWith(outputs) ? "${OutputPrefix}" : "${IncomingPrefix}";
                    assertTrue(
                            allowed.getOrDefault(action, Set.of()).stream().anyMatch(r -> r.contains(prefixParameter)),
                            action + " on " + call.key() + " is allowed under " + prefixParameter + ": "
                                    + allowed.get(action));
                }
            }
        }
        return actions;
    }

    private static String iamAction(RecordedCalls.Call call) {
        return switch (call.service() + ":" + call.operation()) {
            case "S3:GetObject" -> call.versioned() ? "s3:GetObjectVersion" : "s3:GetObject";
            case "S3:PutObject" -> "s3:PutObject";
            case "S3:ListObjectsV2" -> "s3:ListBucket";
            case "S3:DeleteObject" -> "s3:DeleteObject";
            case "S3:GetObjectTagging" -> call.versioned() ? "s3:GetObjectVersionTagging" : "s3:GetObjectTagging";
            case "S3:PutObjectTagging" -> call.versioned() ? "s3:PutObjectVersionTagging" : "s3:PutObjectTagging";
            case "Sqs:SendMessage" -> "sqs:SendMessage";
            default ->
                throw new AssertionError(
                        "the code calls " + call + ", which this contract does not know: add its IAM action");
        };
    }

    private static JsonNode bucketStatement(String sid) {
        for (JsonNode s : resources
                .path("MailBucketPolicy")
                .path("Properties")
                .path("PolicyDocument")
                .path("Statement")) {
            if (sid.equals(s.path("Sid").asText())) {
                return s;
            }
        }
        throw new AssertionError("the bucket policy has no statement " + sid);
    }

    private static Set<String> texts(JsonNode node) {
        Set<String> values = new TreeSet<>();
        if (node.isArray()) {
            node.forEach(n -> values.add(n.asText()));
        } else if (!node.isMissingNode()) {
            values.add(node.asText());
        }
        return values;
    }

    @Test
    void held_mail_is_unreadable_by_anyone_but_the_function_and_administrators_by_the_tags_the_code_writes() {
        JsonNode flagged = bucketStatement("HoldFlaggedMail");
        assertEquals("Deny", flagged.path("Effect").asText());
        assertEquals("*", flagged.path("Principal").asText());
        assertEquals(Set.of("s3:GetObject", "s3:GetObjectVersion"), texts(flagged.path("Action")));
        assertTrue(flagged.path("Resource").asText().endsWith("/${IncomingPrefix}*"));
        JsonNode condition = flagged.path("Condition");
        assertEquals(
                Set.of(Verdict.SUSPICIOUS.label(), Verdict.MALICIOUS.label()),
                texts(condition.path("StringEquals").path("s3:ExistingObjectTag/" + MailProcessor.TAG_VERDICT)));
        // a negated operator: true when the tag is missing, so a flagged mail without a review tag stays held
        assertEquals(
                Set.of(RecordState.RELEASED.label()),
                texts(condition.path("StringNotEquals").path("s3:ExistingObjectTag/" + MailProcessor.TAG_REVIEW)));
        assertTrue(
                condition
                        .path("ArnNotEquals")
                        .path("aws:PrincipalArn")
                        .toString()
                        .contains("MailScanRole.Arn"),
                "the function keeps reading held mails");
        assertTrue(condition
                .path("ArnNotEquals")
                .path("aws:PrincipalArn")
                .toString()
                .contains("AdministratorsRoleArn"));

        JsonNode review = bucketStatement("HoldMailUnderReview");
        assertEquals("Deny", review.path("Effect").asText());
        assertEquals(Set.of("s3:GetObject", "s3:GetObjectVersion"), texts(review.path("Action")));
        assertEquals(
                Set.of(RecordState.HELD.label()),
                texts(review.path("Condition")
                        .path("StringEquals")
                        .path("s3:ExistingObjectTag/" + MailProcessor.TAG_REVIEW)));
    }

    @Test
    void the_release_queue_is_encrypted_fifo_with_a_dead_letter_queue_and_only_administrators_send() {
        JsonNode queue = resources.path("ReleaseQueue").path("Properties");
        assertTrue(queue.path("FifoQueue").asBoolean(), "FIFO: a release sent twice is delivered once");
        assertTrue(queue.path("SqsManagedSseEnabled").asBoolean());
        assertEquals(
                "ReleaseDeadLetterQueue.Arn",
                queue.path("RedrivePolicy").path("deadLetterTargetArn").asText());
        assertTrue(resources
                .path("ReleaseDeadLetterQueue")
                .path("Properties")
                .path("SqsManagedSseEnabled")
                .asBoolean());
        JsonNode statements = resources
                .path("ReleaseQueuePolicy")
                .path("Properties")
                .path("PolicyDocument")
                .path("Statement");
        JsonNode deny = statements.path(0);
        assertEquals("Deny", deny.path("Effect").asText());
        assertEquals("sqs:SendMessage", deny.path("Action").asText());
        assertEquals(
                "AdministratorsRoleArn",
                deny.path("Condition")
                        .path("ArnNotEquals")
                        .path("aws:PrincipalArn")
                        .asText());
    }

    @Test
    void batch_operations_assume_a_role_that_may_only_invoke_the_rescan_function_and_use_its_own_files() {
        JsonNode role = resources.path("BatchOperationsRole").path("Properties");
        assertEquals(
                "batchoperations.s3.amazonaws.com",
                role.path("AssumeRolePolicyDocument")
                        .path("Statement")
                        .path(0)
                        .path("Principal")
                        .path("Service")
                        .asText());
        Map<String, Set<String>> allowed = new HashMap<>();
        for (JsonNode s : role.path("Policies").path(0).path("PolicyDocument").path("Statement")) {
            for (String action : texts(s.path("Action"))) {
                allowed.computeIfAbsent(action, k -> new TreeSet<>()).addAll(texts(s.path("Resource")));
            }
        }
        assertEquals(
                Set.of("lambda:InvokeFunction", "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"),
                allowed.keySet());
        assertTrue(allowed.get("lambda:InvokeFunction").stream().allMatch(r -> r.contains("BatchRescanFunction")));
        assertTrue(allowed.get("s3:GetObject").stream().allMatch(r -> r.contains("${OutputPrefix}batch/manifests/")));
        assertTrue(allowed.get("s3:PutObject").stream().allMatch(r -> r.contains("${OutputPrefix}batch/reports/")));
    }

    @Test
    void the_outputs_the_quarantine_tool_reads_exist() {
        for (String output : StackOutputs.OUTPUTS) {
            assertFalse(template.path("Outputs").path(output).isMissingNode(), "output " + output);
        }
        assertFalse(
                template.path("Parameters").path(StackOutputs.POLICY_PARAMETER).isMissingNode());
    }

    @Test
    void the_lambda_artifact_carries_no_tool_only_clients() throws IOException {
        Path artifact = REPOSITORY.resolve(
                template.path("Globals").path("Function").path("CodeUri").asText());
        try (ZipFile zip = new ZipFile(artifact.toFile())) {
            for (String tool : List.of(
                    "software/amazon/awssdk/services/cloudformation/",
                    "software/amazon/awssdk/services/sts/",
                    "software/amazon/awssdk/services/s3control/",
                    "picocli/",
                    "dev/prefilter/review/")) {
                assertTrue(
                        java.util.Collections.list(zip.entries()).stream()
                                .noneMatch(e -> e.getName().startsWith(tool)),
                        artifact + " contains " + tool);
            }
        }
    }
}
