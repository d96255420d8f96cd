package cloud.swas.ram;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The system policies of contract 11.2: in every account, defined here, attachable, never created or deleted. */
@ApplicationScoped
public class SystemPolicies {

    private static final Map<String, String> DOCUMENTS = Map.of(
            "aliyunswasfullaccess", allow("\"swas-open:*\"", "\"*\""),
            "aliyunswasreadonlyaccess", allow("[\"swas-open:List*\", \"swas-open:Describe*\"]", "\"*\""),
            "aliyunecsreadonlyaccess", allow("\"ecs:Describe*\"", "\"*\""),
            "aliyunstsassumeroleaccess", allow("\"sts:AssumeRole\"", "\"*\""),
            "aliyunramfullaccess", allow("\"ram:*\"", "\"*\""),
            "administratoraccess", allow("\"*\"", "\"*\""));

    /** The document of the system policy with this name (names compare without regard to case). */
    public Optional<String> document(String policyName) {
        return Optional.ofNullable(DOCUMENTS.get(policyName.toLowerCase(Locale.ROOT)));
    }

    private static String allow(String action, String resource) {
        return "{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": " + action
                + ", \"Resource\": " + resource + "}]}";
    }
}
