package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AssignedValueTest {

    private static boolean assignment(String match) {
        return Validators.create("assignment-value", Map.of()).test(match, ValidationContext.empty("r"));
    }

    private static boolean userinfo(String match) {
        return Validators.create("assignment-value", Map.of("form", "userinfo")).test(match, ValidationContext.empty("r"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            password=Qm7!vR2x~pL9kT4w             | Qm7!vR2x~pL9kT4w
            password": "Qm7!vR2x~pL9kT4w          | Qm7!vR2x~pL9kT4w
            PASSWORD := 'Qm7!vR2x~pL9kT4w'        | Qm7!vR2x~pL9kT4w
            secret_key => "ab=c:d=="              | ab=c:d==
            api-key=Yw4*Mz8Qp2Lk6Tn               | Yw4*Mz8Qp2Lk6Tn
            password Jx5.Rq8~Kz3Wm7Pn             | Jx5.Rq8~Kz3Wm7Pn
            -pKq7~Tz2.Wm9Lx4R                     | Kq7~Tz2.Wm9Lx4R
            -password=Kq7~Tz2.Wm9Lx4R             | Kq7~Tz2.Wm9Lx4R
            api-key=~J*dqSGHnaCBHsv4              | ~J*dqSGHnaCBHsv4
            -u ci-bot -p Weqkqqu20$aU             | Weqkqqu20$aU
            --username bot -p 'Rt5~Yw8.Lq3Nz6Kp'  | Rt5~Yw8.Lq3Nz6Kp
            sshpass -pHs6!Pq3Lz9Wm2Xk             | Hs6!Pq3Lz9Wm2Xk
            SECRET_KEY"] = "Kq7~Tz2.Wm9Lx4R"      | Kq7~Tz2.Wm9Lx4R
            """)
    void extractsTheValueAfterKeyAndOperator(String match, String value) {
        assertThat(AssignedValue.assignedValue(match)).isEqualTo(value);
    }

    @Test
    void aLineBreakSeparatesNameAndValueInAJsonProjection() {
        assertThat(AssignedValue.assignedValue("password\nBF7%k6JFAyTU0A4Mu")).isEqualTo("BF7%k6JFAyTU0A4Mu");
        assertThat(assignment("password\nBF7%k6JFAyTU0A4Mu")).isTrue();
        assertThat(assignment("api-key=~J*dqSGHnaCBHsv4")).as("~ without / is not a home path").isTrue();
    }

    @Test
    void aSubscriptAssignmentHasItsValue() {
        assertThat(AssignedValue.assignedValue("API_TOKEN'] = 'Rt5~Yw8.Lq3Nz6Kp'")).isEqualTo("Rt5~Yw8.Lq3Nz6Kp");
        assertThat(assignment("secret_key\"]=\"Qm7vR2xpL9kT4wZz8Yy4KfG7\"")).isTrue();
        assertThat(assignment("SECRET_KEY\"] = os.environ")).isFalse();
    }

    @Test
    void base64ThatStartsWithASlashIsNoPathButAPathIsAPlaceholder() {
        assertThat(assignment("secret_key_base: \"/6+eGniKA7lvTmVGFp7G0gLpenEffp697TQkGGcQTF+SvzcSovFCVvt\"")).isTrue();
        assertThat(assignment("secret_key_base: \"/6eGniKA7lvTmVGFp7G0gLpenEffp697TQkGGcQTFSvzcSovFCVvt\"")).isTrue();
        assertThat(assignment("token=/Qm7vR2xpL9kT4wZz8Yy4K==")).isTrue();
        assertThat(assignment("token=/Qm7vR2x/pL9kT4wZz8/Yy4KfG7hJ2dWc")).as("slashes, no +").isTrue();
        for (String path : new String[] {"/etc/secrets/db", "/run/secrets/postgres_password",
            "/var/lib/app/keys/Prod2024Signing.pem", "/home/ci/.config/gh/hosts.yml"}) {
            assertThat(AssignedValue.placeholder(path)).as(path).isTrue();
        }
    }

    @Test
    void valuesOfAtMostTwoDifferentCharactersAreFillers() {
        for (String filler : new String[] {"aaaaaaaaaaaa", "abababababab", "aaaaaaaaaaab", "baaaaaaaaaaa", "aabbbbbbbbba"}) {
            assertThat(AssignedValue.placeholder(filler)).as(filler).isTrue();
        }
        for (String value : new String[] {"abcabcabcabc", "aaaaaaaaaabc", "cbaaaaaaaaaa", "abbbbbbbbbbc"}) {
            assertThat(AssignedValue.placeholder(value)).as(value).isFalse();
        }
    }

    /** The head of a token whose rest a tool masked ({@code sk-ant-api03-[REDACTED]}) is no value. */
    @Test
    void aValueThatAMaskEndsIsNoSecret() {
        Validator v = Validators.create("assignment-value", Map.of());
        for (String mask : new String[] {"[REDACTED]'", "[redacted]", "***'", "<redacted>", "\u2026", "\u00e2\u0080\u00a6"}) {
            assertThat(v.test("token: 'sk-ant-api03-Qm7vR2x", ValidationContext.around("r", "", mask))).as(mask).isFalse();
        }
        assertThat(v.test("token: 'sk-ant-api03-Qm7vR2x", ValidationContext.around("r", "", "pL9kT4wZz8Yy4KfG7'")))
                .as("the rest of the token, no mask").isTrue();
        assertThat(v.test("ses_smtp_password_v4\nQm7vR2xpL9kT4wZz8", ValidationContext.around("r", "", "\n"))).isTrue();
        assertThat(v.test("ANTHROPIC_API_KEY=sk-ant-api03-***", ValidationContext.around("r", "", "\n"))).isFalse();
    }

    @Test
    void noValueWithoutAnOperatorOrBlank() {
        assertThat(AssignedValue.assignedValue("passwordQm7")).isNull();
        assertThat(AssignedValue.assignedValue("password=")).isNull();
        assertThat(AssignedValue.assignedValue("=abc")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GITHUB_TOKEN=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",
        "GITHUB_TOKEN=ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O50Zb5Ha", "password=Qm7!vR2x~pL9kT4w", "API_KEY: teLc9dAtxJO8TLKsmWg3YzzYlqDvi4i5C32SSyAJ",
        "token = \"8RVkGYZC7nqV2VADJHONXO1WMXsmVbgZ\"", "pwd=h3Jd9.Kq2Lm"})
    void acceptsRandomLookingValues(String match) {
        assertThat(assignment(match)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"password=${DB_PASSWORD}", "password=$DB_PASSWORD", "password=<password>",
        "password={{ .Values.db }}", "password=%(db_password)s", "token=%TOKEN%", "password=#{db.password}",
        "password=changeme123A", "password=xxxxxxxxxxxx", "password=************", "password=example-Pass1",
        "password=test1234ABCD", "password=dummy9Value", "password=Password123!", "password=mySecret123",
        "password=os.environ", "token=process.env.GITHUB_TOKEN", "password=System.getenv(",
        "password=settings.DB_PASSWORD", "password=DB_PASSWORD", "token_url=https://auth.demo.invalid/x",
        "path=/etc/secrets/db", "password=aaaaaaaaaaaaaaaa", "password=abababababab", "password=12345678901234567",
        "password=short1A", "secret_name = \"prod/db/credentials7X\"", "TOKEN_HEADER = \"X-Api-Token\"",
        "token_url: Ab3.Cd4~Ef5Gh6", "password=alllowercaseletters", "token=deadbeefdeadbeef1",
        "accessToken = pk.eyJ1IjoiZGVtbyJ9.Qm7vR2xpL9kT4wZz8Yy", "apiKey: pk_live_51Qm7vR2xpL9kT4wZz8YyAb",
        "SESSION_SECRET=generate-with-openssl-rand-hex-32", "JWT_SECRET=Generate_A_Strong_Secret_7", "TOKEN=openssl-rand-b64-48",
        "API_KEY=paste-key-from-console-here", "credentials:2:aws_access_key_id",
        "ses_smtp_password_v4\nsensitive_values"})
    void rejectsPlaceholdersReferencesAndWeakValues(String match) {
        assertThat(assignment(match)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            <password>Qm7!vR2x~pL9kT4w</password>                 | Qm7!vR2x~pL9kT4w
            <keystorePassword> Qm7!vR2x~pL9kT4w </keystorePassword> | Qm7!vR2x~pL9kT4w
            -p'qhRZmpFQeuZs5ov0WSCi45kfeg'                         | qhRZmpFQeuZs5ov0WSCi45kfeg
            -u admin:Falcon55$98SHhVV7                             | Falcon55$98SHhVV7
            --user=ci:Qm7!vR2x~pL9kT4w                             | Qm7!vR2x~pL9kT4w
            ConvertTo-SecureString "Harbor80$5BerMbGmmR"           | Harbor80$5BerMbGmmR
            """)
    void readsXmlElementsQuotedShortFlagsUserPasswordFlagsAndSecureStrings(String match, String value) {
        assertThat(AssignedValue.assignedValue(match)).isEqualTo(value);
        assertThat(assignment(match)).isTrue();
    }

    @Test
    void readsNetrcEntriesAndTerraformVariableDefaults() {
        assertThat(AssignedValue.assignedValue("machine h.demo.invalid\n  login deploy\n  password Qm7!vR2x~pL9kT4w"))
                .isEqualTo("Qm7!vR2x~pL9kT4w");
        assertThat(AssignedValue.assignedValue("default login anonymous password\tQm7!vR2x~pL9kT4w"))
                .isEqualTo("Qm7!vR2x~pL9kT4w");
        assertThat(AssignedValue.assignedValue(
                "variable \"db_password\" {\n  sensitive = true\n  default = \"Qm7!vR2x~pL9kT4w\""))
                .isEqualTo("Qm7!vR2x~pL9kT4w");
        assertThat(AssignedValue.assignedValue("variable \"db_password\" {\n  default \"Qm7!vR2x~pL9kT4w\""))
                .as("no = after default").isNull();
        assertThat(assignment("variable \"db_password\" {\n  default = \"Qm7!vR2x~pL9kT4w\"")).isTrue();
        assertThat(assignment("variable \"secret_name\" {\n  default = \"prod-db-credentials-v2\""))
                .as("the variable's name is the key: it names a secret").isFalse();
        assertThat(assignment("machine h.demo.invalid login deploy password $NETRC_PASSWORD")).isFalse();
    }

    @Test
    void readsYamlBlockScalarsAndQuotedKeyValuePairs() {
        assertThat(AssignedValue.assignedValue("password: >-\n    Qm7!vR2x~pL9kT4w")).isEqualTo("Qm7!vR2x~pL9kT4w");
        assertThat(AssignedValue.assignedValue("token: |\r\n  Qm7!vR2x~pL9kT4w")).isEqualTo("Qm7!vR2x~pL9kT4w");
        assertThat(AssignedValue.assignedValue("DB_PASSWORD', 'Meadow09#m416bG7tu9'")).isEqualTo("Meadow09#m416bG7tu9");
        assertThat(AssignedValue.assignedValue("password, Meadow09#m416bG7tu9")).as("a comma is an operator only after a quoted key").isNull();
        assertThat(AssignedValue.assignedValue("-u admin")).as("-u without user:password").isNull();
        assertThat(assignment("<password_hint>Qm7!vR2x~pL9kT4w</password_hint>")).as("descriptive XML key").isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            PASSWORD 'kl=NAmuPB+J2NrdL~F-h0'                                  | kl=NAmuPB+J2NrdL~F-h0
            IDENTIFIED BY 'kl=NAmuPB+J2NrdL~F-h0'                             | kl=NAmuPB+J2NrdL~F-h0
            identified by Qm7vR2xpL9kT4w                                      | Qm7vR2xpL9kT4w
            requirepass wE%rc=sAUx6+EjFs                                      | wE%rc=sAUx6+EjFs
            password(".dokGP0n7Ue4AT_"                                        | .dokGP0n7Ue4AT_
            ApiKey('Yw4*Mz8Qp2Lk6Tn'                                          | Yw4*Mz8Qp2Lk6Tn
            SECRET_KEY = 'a64qj(h*1fdk)[x]{z}'                                | a64qj(h*1fdk)[x]{z}
            key="ClearTextPassword" value="_Lj+De#bg6L1BrH"                   | _Lj+De#bg6L1BrH
            name = 'DbPassword'  value='Rt5~Yw8.Lq3Nz6Kp'                     | Rt5~Yw8.Lq3Nz6Kp
            <AdministratorPassword>\\n  <Value>Qm7!vR2x~pL9kT4w</Value>       | Qm7!vR2x~pL9kT4w
            """)
    void readsSqlRedisCallsQuotedValuesAttributePairsAndAnswerFiles(String match, String value) {
        String m = match.replace("\\n", "\n");
        assertThat(AssignedValue.assignedValue(m)).isEqualTo(value);
        assertThat(assignment(m)).isTrue();
    }

    @Test
    void readsNameValuePairsAndBracketsInsideRandomValues() {
        assertThat(AssignedValue.assignedValue("DB_PASSWORD\", \"value\": \"Nxu1cP~o75nn*HMlQ")).isEqualTo("Nxu1cP~o75nn*HMlQ");
        assertThat(AssignedValue.assignedValue("DB_PASSWORD\nvalue\nNxu1cP~o75nn*HMlQ")).isEqualTo("Nxu1cP~o75nn*HMlQ");
        assertThat(assignment("DB_PASSWORD\nvalue\nNxu1cP~o75nn*HMlQ")).isTrue();
        assertThat(AssignedValue.assignedValue("password: value_of_the_day")).isEqualTo("value_of_the_day");
        assertThat(assignment("SECRET_KEY = 'ijQBdtGP(UA0QRl)*h4UbZe7YKe!9I7TBF'"))
                .as("a bracket inside a random value is no call").isTrue();
        assertThat(assignment("password = os.environ['DB_PASSWORD']")).isFalse();
        assertThat(assignment("secret: config.get('db', 'secret')")).isFalse();
        assertThat(assignment("DB_PASSWORD\nvalue\n${DB_PASSWORD}")).isFalse();
    }

    @Test
    void readsPrettyPrintedYamlAndCloudFormationNameValuePairs() {
        assertThat(AssignedValue.assignedValue("DB_PASSWORD\",\n      \"value\": \"Nxu1cP~o75nn*HMlQ"))
                .isEqualTo("Nxu1cP~o75nn*HMlQ");
        assertThat(AssignedValue.assignedValue("DB_PASSWORD\n    value: Nxu1cP~o75nn*HMlQ")).isEqualTo("Nxu1cP~o75nn*HMlQ");
        assertThat(AssignedValue.assignedValue("DB_PASSWORD\r\n    value: Nxu1cP~o75nn*HMlQ")).isEqualTo("Nxu1cP~o75nn*HMlQ");
        assertThat(AssignedValue.assignedValue("DbPassword\", \"ParameterValue\": \"Nxu1cP~o75nn*HMlQ"))
                .isEqualTo("Nxu1cP~o75nn*HMlQ");
        assertThat(AssignedValue.assignedValue("DbPassword,ParameterValue=Nxu1cP~o75nn*HMlQ")).isEqualTo("Nxu1cP~o75nn*HMlQ");
        assertThat(AssignedValue.assignedValue("DbPassword,Owner=ops")).as("a comma without a value key").isNull();
        assertThat(assignment("DB_PASSWORD\n    value: ${DB_PASSWORD}")).isFalse();
    }

    @Test
    void readsTheArgumentEchoedIntoALogin() {
        assertThat(AssignedValue.assignedValue("echo 'Xk9!mLp2Qz7w' | docker login -u ci --password-stdin"))
                .isEqualTo("Xk9!mLp2Qz7w");
        assertThat(AssignedValue.assignedValue("printf '%s' \"Xk9!mLp2Qz7w\" | podman login --password-stdin"))
                .isEqualTo("Xk9!mLp2Qz7w");
        assertThat(assignment("echo -n Xk9!mLp2Qz7w | helm registry login --password-stdin")).isTrue();
        assertThat(assignment("echo changeme-please | docker login --password-stdin")).isFalse();
    }

    @Test
    void callsAndAttributePairsStillRejectPlaceholdersAndNames() {
        assertThat(assignment("password(\"${DB_PASSWORD}\")")).isFalse();
        assertThat(assignment("key=\"DbPassword\" value=\"changeme\"")).isFalse();
        assertThat(assignment("IDENTIFIED BY 'password123'")).isFalse();
        assertThat(AssignedValue.assignedValue("password(x)")).as("a call without a quoted literal").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"password: pbkdf2_sha256$870000$uODZq2Lk$nlSOw3Xk9PzVq2Lm8Rt6Yw4Jd1Hg5Fb0Nc2Ye8=",
        "password_hash = pbkdf2:sha256:600000$Qm7vR2xp$9f86d081884c7d659a2feaa0c55ad015",
        "userPassword: {SSHA}Qm7vR2xpL9kT4wZz8YyAbCdEf12=", "apiKey: 'sk-ant-api03-...'",
        "secret: \"changeit-in-prod\"", "keystore_password=changeit"})
    void passwordHashesTruncatedExamplesAndJavasKeystoreDefaultAreNotSecrets(String match) {
        assertThat(assignment(match)).isFalse();
    }

    @Test
    void maskedValuesAreNotSecrets() {
        // what a dashboard shows: the prefix and bullets (U+2022, here as the UTF-8 bytes the engine sees as Latin-1)
        assertThat(assignment("STRIPE_SECRET_KEY=sk_live_\u00e2\u0080\u00a2\u00e2\u0080\u00a2\u00e2\u0080\u00a2\u00e2\u0080\u00a2Ab12"))
                .isFalse();
        assertThat(assignment("API_TOKEN=sk_live_\u2022\u2022\u2022\u2022\u2022\u2022Ab12")).isFalse();
        assertThat(assignment("API_TOKEN=Qm7!vR2x\u00e2\u0080\u00a6")).as("an ellipsis").isFalse();
    }

    @Test
    void aValueCutByThePatternsLengthLimitIsJudgedWhole() {
        String head = "A".repeat(0) + "Ag" + "x9Kq2Lm7Tz".repeat(12);
        ValidationContext more = context("Zp8Wn3Qr5Yt7".repeat(20) + "\n  other: 1");
        ValidationContext ended = context("\"\n");
        assertThat(Validators.create("assignment-value", Map.of()).test("password: " + head, ended)).isTrue();
        assertThat(Validators.create("assignment-value", Map.of()).test("password: " + head, more))
                .as("the value runs on past the match: %s characters, over the maximum", head.length() + 240).isFalse();
        assertThat(Validators.create("assignment-value", Map.of()).test("password: " + head, context("Zp8\"")))
                .as("a value that ends three characters later is still a plausible secret").isTrue();
    }

    private static ValidationContext context(String after) {
        return TestContexts.after("r", after);
    }

    @Test
    void userinfoFormReadsThePasswordBetweenColonAndAt() {
        assertThat(AssignedValue.userinfoPassword("postgres://app:7*z7gTqBu4w~weoc@db:5432/app")).isEqualTo("7*z7gTqBu4w~weoc");
        assertThat(userinfo("jdbc:mysql://app:Gz4*Tq9mWx2!Lk7R@db-1/app")).isTrue();
        assertThat(userinfo("postgres://user:password@localhost/app")).isFalse();
        assertThat(userinfo("mysql://root:${MYSQL_PASSWORD}@db/app")).isFalse();
        assertThat(userinfo("https://example.com:8443/path")).isFalse();
    }

    /** A context whose text before the match is {@code before} and after it {@code after}. */
    private static ValidationContext around(String before, String after) {
        return ValidationContext.around("r", before, after);
    }

    private static boolean cell(String before, String match) {
        return cell(before, match, "");
    }

    private static boolean cell(String before, String match, String after) {
        return Validators.create("assignment-value", Map.of("form", "cell")).test(match, around(before, after));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            redis-cli -h cache-1 -a Hx4kP9mQ2wLz7R                     | Hx4kP9mQ2wLz7R
            redis-cli --pass 'Hx4kP9mQ2wLz7R'                          | Hx4kP9mQ2wLz7R
            htpasswd -bc /etc/nginx/.htpasswd admin Tq7mZ2xLp9Wk4rB    | Tq7mZ2xLp9Wk4rB
            smbclient //fs01/share -U backup%Vq7mZ2xLp9Wk4r            | Vq7mZ2xLp9Wk4r
            smbclient //fs01/share --user=CORP/backup%Vq7mZ2xLp9Wk4r   | Vq7mZ2xLp9Wk4r
            ldapsearch -x -D cn=admin -w "Yw4Mz8Qp2Lk6Tn"              | Yw4Mz8Qp2Lk6Tn
            mongodump --password=Cq8Lz3Wx6Mp2Rk                        | Cq8Lz3Wx6Mp2Rk
            rabbitmqctl add_user deploy Wq7Lz3Rk9Tm2xB                 | Wq7Lz3Rk9Tm2xB
            mongosh --password='Cq8Lz3Wx6Mp2Rk'                        | Cq8Lz3Wx6Mp2Rk
            vncpasswd -f <<<'Pz5Kw8Lm3Qx7Tn'                           | Pz5Kw8Lm3Qx7Tn
            """)
    void readsTheLastArgumentOfAPasswordCommand(String match, String value) {
        assertThat(AssignedValue.assignedValue(match)).isEqualTo(value);
        assertThat(assignment(match)).isTrue();
    }

    @Test
    void passwordCommandsStillRejectVariablesAndPromptedPasswords() {
        assertThat(assignment("redis-cli -h cache-1 -a \"$REDIS_PASSWORD\"")).isFalse();
        assertThat(assignment("ipmitool -H 10.0.0.9 -U ADMIN -P <password>")).isFalse();
        assertThat(assignment("net use \\\\fs01\\share {{smb_pass}}")).isFalse();
        assertThat(AssignedValue.assignedValue("smbclient //fs01/share -U backup")).as("no %: prompted").isNull();
        assertThat(AssignedValue.passwordCommand("network_password\nx")).isFalse();
        assertThat(AssignedValue.passwordCommand("net use x")).isTrue();
    }

    @Test
    void cellFormReadsACellThatStartsAfterADelimiter() {
        assertThat(cell("id,user,password\n1,ana,", "Xk9!mLp2Qz7w,")).isTrue();
        assertThat(cell(" 1 | ana | ", "Xk9!mLp2Qz7w ", "  |")).isTrue();
        assertThat(cell("ana\t\"", "Xk9!mLp2Qz7w\"", "\t2026")).isTrue();
        assertThat(cell("1,ana,", "Xk9!mLp2Qz7w\n", "2,lee,")).isTrue();
        assertThat(cell("1,ana,", "Xk9!mLp2Qz7w ", "and more,")).as("a phrase in a cell").isFalse();
        assertThat(cell("", "Xk9!mLp2Qz7w")).as("the start of the text").isTrue();
        assertThat(cell("the new one is ", "Xk9!mLp2Qz7w,")).as("a word in a sentence").isFalse();
        assertThat(cell("1,ana,", "********,")).isFalse();
        assertThat(cell("1,ana,", "<redacted>,")).isFalse();
        assertThat(cell("1,ana,", "2024-03-05T10:22:01Z,")).as("a time stamp").isFalse();
        assertThat(AssignedValue.timestamp("2024-03-05T10:22:01.123+01:00")).isTrue();
        assertThat(AssignedValue.timestamp("2024-03-05Tx10")).isFalse();
    }

    private static boolean around(String before, String match, String after) {
        return Validators.create("assignment-value", Map.of())
                .test(match, ValidationContext.around("r", before, after));
    }

    private static boolean prose(String match) {
        return Validators.create("assignment-value", Map.of("form", "prose")).test(match, ValidationContext.empty("r"));
    }

    @Test
    void aGluedShortPasswordFlagIsAWordOfItsOwnAfterACommandThatTakesOne() {
        assertThat(around("mysql -h db -u app ", "-pKq7~Tz2.Wm9Lx4R", " app")).isTrue();
        assertThat(around("7z a -mhe=on backup.7z ", "-pKq7~Tz2.Wm9Lx4R", "")).isTrue();
        assertThat(around("docker buildx build -", "-platform", "=linux/amd64")).as("the tail of --platform").isFalse();
        assertThat(around("ffmpeg -i in.mov ", "-pix_fmt", "=yuv420p10le")).as("an option with =").isFalse();
        assertThat(around("mysql -u root ", "-parallelism=20", "")).as("an = inside").isFalse();
        assertThat(around("U-Boot 2023.04\n", "-pX7kQ9mZ2w", "\nbootcmd")).as("no command").isFalse();
        assertThat(around("\u0007\u0000\u0013 mysql ", "-pKq7~Tz2.Wm9Lx4R", "\u0001\u0002"))
                .as("control bytes around: a binary").isFalse();
    }

    @Test
    void cursorsCsrfTokensArnsAndArgumentListsAreNoAssignments() {
        assertThat(around("{\"Continuation", "Token\": \"tnwTljfJUgfbSCT3JzNQBSfao+gikuYeD3MJ\"", "")).isFalse();
        assertThat(around("{\"next", "PageToken\": \"CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA\"", "")).isFalse();
        assertThat(around("{\"Session", "Token\": \"tnwTljfJUgfbSCT3JzNQBSfao+gikuYeD3MJ\"", ""))
                .as("a session token is a credential").isTrue();
        assertThat(assignment("name=\"authenticity_token\" value=\"XXLBUAlYbkzHNlydLVTsM6WVvQo9Pgrg8kf0\"")).isFalse();
        assertThat(assignment("name=\"api_token\" value=\"XXLBUAlYbkzHNlydLVTsM6WVvQo9Pgrg8kf0\"")).isTrue();
        assertThat(around("x_", "csrf_token: Xq3vLb9TzK2mWp8RcYd4Nh7Fs1Gj6A", "")).isFalse();
        assertThat(around("\"Resource\": \"arn:aws:secretsmanager:us-east-1:123456789012:", "secret:prod/stripe-tMHwTX",
                "\"")).isFalse();
        assertThat(around("Allowarn:aws:secretsmanager:us-east-1:123456789012:", "secret:prod/stripe-tMHwTX", ""))
                .as("an IAM statement's values joined: the ARN glued to the effect").isFalse();
        assertThat(around("Allowarn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:", "secret:prod/db-Ab12Cd",
                "")).isFalse();
        assertThat(around("Allowbarn:", "secret:Xq3vLb9TzK2mWp8RcYd4Nh7F", "")).as("not an ARN").isTrue();
        assertThat(assignment("credential_source = Ec2InstanceMetadata")).as("~/.aws/config: where from").isFalse();
        assertThat(assignment("credential_source = EcsContainer")).isFalse();
        assertThat(assignment("credential_secret = Qm7vR2xpL9kT4wZz8Yy4")).isTrue();
        assertThat(around("ConnectionStrings:", "Password=Gz4*Tq9mWx2!Lk7R", "")).as(".NET colon keys").isTrue();
        assertThat(around("args\nrun\n-e\n", "GITHUB_PERSONAL_ACCESS_TOKEN\nQm7vR2xpL9kT4wZz8Yy4", "\n"))
                .as("an argument after a flag").isFalse();
        assertThat(around("env\n", "GITHUB_PERSONAL_ACCESS_TOKEN\nQm7vR2xpL9kT4wZz8Yy4", "\n")).isTrue();
        assertThat(assignment("TOKEN\", \"ghcr.io/github/github-mcp-server")).as("an image name").isFalse();
    }

    @Test
    void digestsTranslationsAndEncodedPlaceholdersAreNoSecrets() {
        assertThat(assignment("token_fingerprint: sha256:8164af0b2e6d4c1a9f7e3b5d2c8a6f4e1b9d7c5a3e2f0b8d6c4a2e1f9b7d5c3a"))
                .isFalse();
        assertThat(assignment("token: sha256:8164af0b2e6d4c1a9f7e3b5d2c8a6f4e")).isFalse();
        assertThat(assignment("secret_question\": \"Sicherheitsfrage\"")).isFalse();
        assertThat(assignment("api_key\": \"API-Schl\u00c3\u00bcssel\"")).as("UTF-8 in the Latin-1 view").isFalse();
        assertThat(assignment("api_key\": \"QmvRxpLkTwZzYyKfGh\"")).as("random letters").isTrue();
        assertThat(assignment("DB_PASSWORD: Y2hhbmdlbWU=")).as("changeme").isFalse();
        assertThat(assignment("API_TOKEN: JHtBUElfVE9LRU59")).as("${API_TOKEN}").isFalse();
        assertThat(assignment("DB_PASSWORD: SHY0IU5xOVp0MkxtNld4")).as("a real value in base64").isTrue();
    }

    @Test
    void keyElementsAndWeakKeyWords() {
        assertThat(assignment("<Key>Password</Key><Value ProtectInMemory=\"True\">Orbit!7646Lp</Value>")).isTrue();
        assertThat(AssignedValue.assignedValue("<key>RefreshToken</key>\n\t<string>Zt8Kq3Lm9Wx2Rb7N</string>"))
                .isEqualTo("Zt8Kq3Lm9Wx2Rb7N");
        assertThat(assignment("<key>TokenExpiry</key><string>2026-01-01T00:00:00Z</string>")).isFalse();
        assertThat(assignment("ADYEN_CRED=s+sxuJNwyaLXLoQA7vP5PFqxdub06VJG")).isTrue();
        assertThat(assignment("ACME_AUTH=oidc-pkce-256")).as("a weak key word wants a strong value").isFalse();
        assertThat(assignment("SecureString\", \"Value\": \"Maple$7083Lp\"")).isTrue();
        assertThat(AssignedValue.assignedValue("password\\\": \\\"Harbor#2681Lp")).isEqualTo("Harbor#2681Lp");
    }

    @Test
    void googleAppPasswordsAreRandomLowerCase() {
        assertThat(assignment("smtp_password = \"bxfy yfsh fmlt eqgm\"")).isTrue();
        assertThat(assignment("password hypccvnfwqxumuvn")).isTrue();
        assertThat(assignment("smtp_password = \"correcthorsebatt\"")).as("words run together").isFalse();
        assertThat(AssignedValue.appPassword("bxfy yfsh fmlt eqg")).as("15 letters").isFalse();
        assertThat(AssignedValue.appPassword("bxfyyfsh fmlt eqgm")).as("groups or none").isFalse();
        assertThat(AssignedValue.appPassword("hypccvnfwqxumuvn\r")).isTrue();
    }

    @Test
    void aPasswordInProseMustLookMade() {
        assertThat(prose("the password is Orbit#5030Zr")).isTrue();
        assertThat(prose("pw for the new NAS is Falcon!9842xQ.")).isTrue();
        assertThat(prose("pass `Maple@3258Zr`")).isTrue();
        assertThat(prose("login is admin / Crimson!4065xQ")).isTrue();
        assertThat(prose("password is Xk4mR9tL2vQ8bN7c")).isTrue();
        assertThat(prose("password is required")).isFalse();
        assertThat(prose("the password is stored")).isFalse();
        assertThat(prose("pass `userId1234`")).isFalse();
        assertThat(prose("the pw is Password123!")).isFalse();
        assertThat(AssignedValue.storedAsHash(" encrypted\nusername vpn")).as("Cisco ASA hash").isTrue();
        assertThat(AssignedValue.storedAsHash(" pbkdf2 privilege 15")).isTrue();
        assertThat(AssignedValue.storedAsHash(" until SSO is live")).isFalse();
    }

    @Test
    void badParametersAreLoadErrors() {
        assertThatThrownBy(() -> Validators.create("assignment-value", Map.of("form", "url")))
                .hasMessageContaining("assignment-value.form: 'url' (expected: assignment, userinfo, cell or prose)");
        assertThatThrownBy(() -> Validators.create("assignment-value", Map.of("min_length", 0)))
                .hasMessageContaining("min_length: 0");
        assertThatThrownBy(() -> Validators.create("assignment-value", Map.of("min_entropy", 9)))
                .hasMessageContaining("min_entropy: 9");
        assertThatThrownBy(() -> Validators.create("assignment-value", Map.of("window", 3)))
                .hasMessageContaining("assignment-value.window: unknown parameter");
    }
}
