package dev.sieve.rules.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Family {@code config40}: what session 40 closed of the blind round rt40-config (secrets in configuration
 * assignments with no vendor prefix), as classes, each in several config formats and request shapes, with hard
 * negatives beside each.
 * <ul>
 *   <li>Positives ({@code config40:<kind>}): password keys in other languages (Passwort, hasło, пароль, パスワード,
 *       contraseña, şifre, mot_de_passe; {@code foreign-key}); short and odd password keys (passwordValue,
 *       ADMIN_PW, upw, p4ss, sssd's ldap_default_authtok; {@code odd-key}); encryption-key names (aes/cipher/crypto
 *       key, data_key, .data-key; {@code enc-key}); database URLs with a driver after {@code +}
 *       (postgresql+psycopg2, mysql+pymysql, kafka+ssl, oracle+cx_oracle; {@code db-url-driver}); nginx
 *       {@code proxy_set_header} / Apache {@code RequestHeader} Authorization and API-key headers
 *       ({@code web-header}); Apache {@code SetEnv} and make's {@code ?=} ({@code setenv-make}); passphrases of
 *       quoted words ({@code spaced-passphrase}); upper-case {@code *_KEY} environment variables
 *       ({@code env-key}); {@code sqlcmd}/{@code bcp}/{@code osql -P} ({@code sqlcmd}); an old password kept in a
 *       comment ({@code old-password}).</li>
 *   <li>Negatives ({@code neg:config40}, {@code neg:config40:<kind>}): the same keys, directives and commands over
 *       templates, placeholders, masks, hashes, ids and public keys; and ({@code ciphertext}) Vault transit
 *       ciphertext, PostgreSQL SCRAM verifiers, web.config values marked {@code encrypted="true"}, and Kubernetes
 *       Secrets whose base64 values decode to placeholders.</li>
 * </ul>
 * Values are synthetic, from the family's seed. Written with the fixes, so not held out.
 */
final class Config40 {

    static final long SEED = 20_261_240L;
    static final String FAMILY = "config40";

    private static final List<String> CONTAINERS = List.of("json-anthropic-tool", "json-openai-chat", "text",
            "openai-tool", "multipart", "json-anthropic", "transcript", "json-openai-responses", "json-gemini");
    private static final String SYMBOLS = "!@^*_-#";
    private static final List<String> WORDS = List.of("harbor", "prism", "basalt", "thistle", "cobalt", "onyx",
            "garnet", "velvet", "lantern", "quiver", "mosaic", "tundra", "falcon", "juniper", "ember", "nimbus",
            "willow", "copper", "saffron", "glacier", "meadow", "orchid", "raven", "cinder", "marble", "pepper");

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Config40(Rng r) {
        this.r = r;
    }

    /** Every case of the family. */
    static List<HardCorpus.Out> cases(Rng r) {
        Config40 c = new Config40(r);
        c.foreignKeys();
        c.oddKeys();
        c.encryptionKeys();
        c.dbUrls();
        c.webHeaders();
        c.setEnvAndMake();
        c.passphrases();
        c.envKeys();
        c.sqlcmd();
        c.oldPasswords();
        c.ciphertext();
        return c.out;
    }

    // ---- password keys in other languages --------------------------------------------------------------------------

    private void foreignKeys() {
        String rule = "credential.generic-secret-assignment";
        add("foreign-key", rule, "[datenbank]\nhost = db-01.acmecorp.io\nbenutzer = app\nPasswort = " + pw(14) + "\n");
        add("foreign-key", rule, "[polaczenie]\nserwer = db.acmecorp.io\nuzytkownik = raport\nhasło = " + pw(12) + "\n");
        add("foreign-key", rule, "база_данных:\n  хост: db.acmecorp.io\n  пользователь: app\n  пароль: " + pw(14) + "\n");
        add("foreign-key", rule, "DB_HOST=db.acmecorp.io\nDB_USER=app\nパスワード=" + alnum(16) + "\n");
        add("foreign-key", rule, "conexion:\n  usuario: ventas\n  contraseña: \"" + pw(13) + "\"\n");
        add("foreign-key", rule, "veritabanı:\n  kullanıcı: app\n  şifre: " + pw(12) + "\n");
        // left out: 密码 (Simplified Chinese) as a key is not found, in JSON or YAML (reported, not tuned)
        add("foreign-key", rule, "# connexion SMTP\nutilisateur=notifications\nmot_de_passe=" + pw(15) + "\n");
        negative("foreign-key", "[datenbank]\nbenutzer = app\nPasswort = ${DB_PASSWORT}\n");
        negative("foreign-key", "veritabanı:\n  kullanıcı: app\n  şifre: changeme123\n");
        negative("foreign-key", "база_данных:\n  пользователь: app\n  пароль: \"********\"\n");
    }

    // ---- short and odd password keys -------------------------------------------------------------------------------

    private void oddKeys() {
        String rule = "credential.generic-secret-assignment";
        add("odd-key", rule, "{\"auth\": {\"username\": \"svc-sync\", \"passwordValue\": \"" + pw(14) + "\"}}");
        add("odd-key", rule, "services:\n  admin:\n    image: acme/admin:2.4\n    environment:\n      ADMIN_PW: \""
                + pw(12) + "\"\n");
        add("odd-key", rule, "login:\n  uid: reporting\n  upw: \"" + pw(12) + "\"\n");
        add("odd-key", rule, "db.url=jdbc:postgresql://db.acmecorp.io:5432/app\ndb.user=app\ndb.p4ss=" + alnum(14) + "\n");
        add("odd-key", rule, "[domain/acmecorp]\nid_provider = ldap\nldap_default_bind_dn = cn=sssd,dc=acmecorp,dc=io\n"
                + "ldap_default_authtok = " + pw(16) + "\n");
        negative("odd-key", "services:\n  admin:\n    environment:\n      ADMIN_PW: \"${ADMIN_PW}\"\n");
        negative("odd-key", "{\"auth\": {\"username\": \"svc-sync\", \"passwordValue\": \"REDACTED\"}}");
        negative("odd-key", "[domain/acmecorp]\nldap_default_authtok_type = password\nldap_default_authtok = "
                + "<bind-password>\n");
    }

    // ---- encryption-key names --------------------------------------------------------------------------------------

    private void encryptionKeys() {
        String rule = "credential.generic-secret-assignment";
        add("enc-key", rule, "APP_ENV=production\nAES_KEY=" + r.from(Rng.HEX, 32) + "\n");
        add("enc-key", rule, "storage:\n  cipher_key: \"" + r.from(Rng.HEX, 64) + "\"\n  bucket: acme-archive\n");
        add("enc-key", rule, "[crypto]\ncrypto_key = \"" + b64(r.bytes(32)) + "\"\n");
        add("enc-key", rule, "integration.partner.url=https://partner.acmecorp.io\nintegration.partner.data-key="
                + r.from(Rng.HEX, 64) + "\n");
        negative("enc-key", "<ul>\n  <li data-key=\"" + HardValues.uuid(r) + "\">Orders</li>\n</ul>");
        negative("enc-key", "class Order(models.Model):\n    id = models.AutoField(primary_key = True)\n");
        negative("enc-key", "storage:\n  cipher_key: \"${STORAGE_CIPHER_KEY}\"\n  cipher_key_bits: 256\n");
    }

    // ---- database URLs with a driver -------------------------------------------------------------------------------

    private void dbUrls() {
        String rule = "credential.database-url";
        add("db-url-driver", rule, "[alembic]\nscript_location = migrations\nsqlalchemy.url = postgresql+psycopg2://app:"
                + urlPw(14) + "@db-prod.c9xk2" + r.digits(2) + ".eu-west-1.rds.amazonaws.com:5432/app\n");
        add("db-url-driver", rule, "SQLALCHEMY_DATABASE_URI = \"mysql+pymysql://svc:" + urlPw(14)
                + "@mysql.acmecorp.io:3306/orders\"\n");
        add("db-url-driver", rule, "ingest:\n  broker: kafka+ssl://ingest:" + urlPw(16) + "@kafka.acmecorp.io:9093\n");
        add("db-url-driver", rule, "DATABASE_URL=oracle+cx_oracle://scott:" + urlPw(13)
                + "@ora.acmecorp.io:1521/?service_name=ORCL\n");
        addReq("db-url-driver", rule, Containers.build("query", "postgresql+asyncpg://reporter:" + urlPw(14)
                + "@db.acmecorp.io:5432/analytics", false, r), "query");
        negative("db-url-driver", "[alembic]\nsqlalchemy.url = postgresql+psycopg2://user:password@localhost/dbname\n");
        negative("db-url-driver", "SQLALCHEMY_DATABASE_URI = \"mysql+pymysql://${DB_USER}:${DB_PASS}@db:3306/app\"\n");
        negative("db-url-driver", "query", "postgresql+asyncpg://app@db.acmecorp.io:5432/app");
    }

    // ---- nginx and Apache headers ----------------------------------------------------------------------------------

    private void webHeaders() {
        String rule = "credential.auth-header-in-command";
        add("web-header", rule, "location /legacy/ {\n    proxy_pass https://legacy.acmecorp.io;\n"
                + "    proxy_set_header Authorization \"Basic " + b64(("admin:" + pw(14)).getBytes(StandardCharsets.UTF_8))
                + "\";\n}\n");
        add("web-header", rule, "<Location /api>\n  ProxyPass https://api.acmecorp.io/\n  RequestHeader set Authorization "
                + "\"Bearer " + alnum(40) + "\"\n</Location>\n");
        add("web-header", rule, "location /partner/ {\n    proxy_set_header X-Api-Key " + r.from(Rng.HEX, 32)
                + ";\n    proxy_pass https://partner.acmecorp.io;\n}\n");
        add("web-header", rule, "location /grpc.Ingest/ {\n    grpc_pass grpcs://ingest.acmecorp.io:443;\n"
                + "    grpc_set_header Authorization \"Bearer " + alnum(36) + "\";\n}\n");
        negative("web-header", "location /legacy/ {\n    proxy_set_header Authorization $http_authorization;\n"
                + "    proxy_set_header X-Request-Id $request_id;\n}\n");
        negative("web-header", "location /partner/ {\n    proxy_set_header X-Api-Key $partner_api_key;\n}\n");
        negative("web-header", "<Location /api>\n  RequestHeader unset Authorization\n  RequestHeader set X-Forwarded-Proto "
                + "\"https\"\n</Location>\n");
    }

    // ---- Apache SetEnv, make ?= -----------------------------------------------------------------------------------

    private void setEnvAndMake() {
        String rule = "credential.generic-secret-assignment";
        add("setenv-make", rule, "<VirtualHost *:443>\n  ServerName app.acmecorp.io\n  SetEnv DB_PASSWORD " + pw(18)
                + "\n</VirtualHost>\n");
        add("setenv-make", rule, "<Directory /var/www/app>\n  SetEnv PARTNER_API_KEY " + alnum(32) + "\n</Directory>\n");
        add("setenv-make", rule, "REGISTRY ?= registry.acmecorp.io\nAPI_TOKEN ?= " + r.from(Rng.HEX, 40)
                + "\n\ndeploy:\n\t./deploy.sh\n");
        add("setenv-make", rule, "DEPLOY_USER ?= deploy\nDEPLOY_PASSWORD ?= " + pw(15) + "\n");
        negative("setenv-make", "<VirtualHost *:443>\n  SetEnv DB_PASSWORD_FILE /run/secrets/db_password\n"
                + "  SetEnv APP_TOKEN ${APP_TOKEN}\n</VirtualHost>\n");
        negative("setenv-make", "API_TOKEN ?= $(shell cat .token)\nDEPLOY_PASSWORD ?= $(DEPLOY_PASSWORD)\n");
        negative("setenv-make", "<VirtualHost *:80>\n  SetEnv APP_ENV production\n  SetEnv TOKEN_TTL 3600\n</VirtualHost>\n");
    }

    // ---- passphrases of words --------------------------------------------------------------------------------------

    private void passphrases() {
        String rule = "credential.spaced-passphrase";
        add("spaced-passphrase", rule, "KEYSTORE_PATH=/etc/app/keystore.p12\nKEYSTORE_PASSPHRASE=\"" + words(5) + "\"\n");
        add("spaced-passphrase", rule, "restic:\n  repository: s3:s3.amazonaws.com/acme-backups\n  password: \""
                + words(4) + "\"\n");
        add("spaced-passphrase", rule, "signing:\n  gpg_passphrase: '" + words(6) + "'\n");
        add("spaced-passphrase", rule, "[luks]\ndevice = /dev/nvme1n1\npassphrase = \"" + words(5) + "\"\n");
        negative("spaced-passphrase", "restic:\n  password: \"please ask the ops team\"\n");
        negative("spaced-passphrase", "password_hint: \"name of your first pet\"\nKEYSTORE_PASSPHRASE=\"" + words(2)
                + "\"\n");
        negative("spaced-passphrase", "# xkcd 936\npassphrase = \"correct horse battery staple\"\n");
    }

    // ---- *_KEY environment variables -------------------------------------------------------------------------------

    private void envKeys() {
        String rule = "credential.env-key-assignment";
        add("env-key", rule, "NODE_ENV=production\nINGEST_KEY=" + alnum(32) + "\n");
        add("env-key", rule, "$env:PARTNER_LICENSE_KEY = '" + HardValues.uuid(r) + "'\n");
        add("env-key", rule, "        env:\n        - name: BILLING_SYNC_KEY\n          value: \"" + pw(24) + "\"\n");
        add("env-key", rule, "[{\"Config\": {\"Env\": [\"PATH=/usr/local/sbin:/usr/local/bin:/usr/bin\", "
                + "\"TELEMETRY_INGEST_KEY=" + alnum(32) + "\"]}}]");
        negative("env-key", "ENV GPG_KEY=" + r.from("0123456789ABCDEF", 40) + "\nENV PYTHON_VERSION=3.12.4\n");
        negative("env-key", "RECAPTCHA_SITE_KEY=6Le" + r.from(Rng.URLSAFE, 37) + "\nINGEST_KEY=${INGEST_KEY}\n");
        negative("env-key", "PRIMARY_KEY: order_id_customer_id_v2\nIDEMPOTENCY_KEY: " + HardValues.uuid(r) + "\n");
    }

    // ---- SQL Server tools' -P --------------------------------------------------------------------------------------

    private void sqlcmd() {
        String rule = "credential.command-line-password";
        add("sqlcmd", rule, "sqlcmd -S tcp:sql-prod.acmecorp.io,1433 -U sa -P '" + pw(16)
                + "' -Q \"SELECT @@VERSION\"\n");
        add("sqlcmd", rule, "bcp dbo.Orders out orders.dat -S sql.acmecorp.io -U loader -P " + pw(14) + " -c\n");
        add("sqlcmd", rule, "osql -S sql.acmecorp.io -U sa -P " + alnum(15) + " -i setup.sql\n");
        negative("sqlcmd", "sqlcmd -S sql.acmecorp.io -U sa -P $env:SA_PASSWORD -Q \"SELECT 1\"\n");
        negative("sqlcmd", "sqlcmd -S sql.acmecorp.io -E -p -Q \"SELECT name FROM sys.databases\"\n"
                + "bcp dbo.Orders out orders.dat -S sql.acmecorp.io -T -c\n");
    }

    // ---- an old password kept in a comment -------------------------------------------------------------------------

    private void oldPasswords() {
        String rule = "credential.prose-password";
        add("old-password", rule, "database:\n  host: db.acmecorp.io\n  # old password, rotate later: " + pw(16)
                + "\n  password: ${DB_PASSWORD}\n");
        add("old-password", rule, "module.exports = {\n  // previous pw = " + pw(14)
                + "\n  password: process.env.DB_PASSWORD,\n};\n");
        add("old-password", rule, "# temp password until SSO lands: " + pw(13) + "\nexport DB_PASSWORD=\"$(cat /run/secrets/db)\"\n");
        negative("old-password", "database:\n  # old password, rotate later: ${OLD_DB_PASSWORD}\n"
                + "  password: ${DB_PASSWORD}\n");
        negative("old-password", "# the old password: see the vault entry\npassword: ${DB_PASSWORD}\n");
    }

    // ---- ciphertext, verifiers, encoded placeholders ---------------------------------------------------------------

    private void ciphertext() {
        negative("ciphertext", "database:\n  encrypted_db_password: \"vault:v1:" + b64(r.bytes(36)) + "\"\n");
        negative("ciphertext", "[crypto]\ndata_key = \"vault:v2:" + b64(r.bytes(48)) + "\"\n");
        negative("ciphertext", "ALTER ROLE app PASSWORD 'SCRAM-SHA-256$4096:" + b64(r.bytes(16)) + "$"
                + b64(r.bytes(32)) + ":" + b64(r.bytes(32)) + "';\n");
        negative("ciphertext", "<appSettings>\n  <add key=\"DbPassword\" value=\"" + b64(r.bytes(24))
                + "\" encrypted=\"true\" />\n</appSettings>\n");
        negative("ciphertext", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-db\ntype: Opaque\ndata:\n"
                + "  password: " + b64("changeme".getBytes(StandardCharsets.UTF_8)) + "\n  api-token: "
                + b64("${API_TOKEN}".getBytes(StandardCharsets.UTF_8)) + "\n  username: "
                + b64("app".getBytes(StandardCharsets.UTF_8)) + "\n");
        negative("ciphertext", "multipart-cte-qp", "apiVersion: v1\nkind: Secret\ndata:\n  db-password: "
                + b64("<password>".getBytes(StandardCharsets.UTF_8)) + "\n  secret-key: "
                + b64("REDACTED".getBytes(StandardCharsets.UTF_8)) + "\n");
    }

    // ---- values ----------------------------------------------------------------------------------------------------

    /** A password: a letter first, then letters, digits and a few symbols, with an upper, a lower and a digit. */
    private String pw(int n) {
        while (true) {
            String s = r.from(Rng.UPPER + Rng.LOWER, 1) + r.from(Rng.ALNUM + SYMBOLS, n - 1);
            if (mixed(s) && s.chars().anyMatch(c -> SYMBOLS.indexOf(c) >= 0)) {
                return s;
            }
        }
    }

    /** A password a URL's userinfo carries unencoded. */
    private String urlPw(int n) {
        while (true) {
            String s = r.from(Rng.UPPER + Rng.LOWER, 1) + r.from(Rng.ALNUM + "!*_-", n - 1);
            if (mixed(s)) {
                return s;
            }
        }
    }

    private String alnum(int n) {
        while (true) {
            String s = r.from(Rng.ALNUM, n);
            if (mixed(s)) {
                return s;
            }
        }
    }

    private static boolean mixed(String s) {
        return s.chars().anyMatch(Character::isUpperCase) && s.chars().anyMatch(Character::isLowerCase)
                && s.chars().anyMatch(Character::isDigit);
    }

    private String words(int n) {
        List<String> w = new ArrayList<>();
        while (w.size() < n) {
            String next = r.pick(WORDS);
            if (!w.contains(next)) {
                w.add(next);
            }
        }
        return String.join(" ", w);
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    // ---- requests --------------------------------------------------------------------------------------------------

    private List<String> tags(String kind, String container) {
        return List.of("family:" + FAMILY, "cat:" + Values.CREDENTIAL, FAMILY + ":" + kind, "container:" + container,
                "enc:none");
    }

    private List<String> negativeTags(String kind, String container) {
        return List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + FAMILY + ":" + kind, "container:" + container,
                "enc:none");
    }

    private void add(String kind, String rule, String text) {
        String container = HardCorpus.fit(CONTAINERS, turn++, text);
        addReq(kind, rule, HardCorpus.build(container, text, r), container);
    }

    private void addReq(String kind, String rule, Containers.Req req, String container) {
        out.add(new HardCorpus.Out(saved(req), List.of(rule), List.of(), tags(kind, container), ""));
    }

    /** {@code req} as a saved request in {@code cases/} (the manifest is near its 5 MiB cap). */
    private static Containers.Req saved(Containers.Req req) {
        return new Containers.Req(req.method(), req.target(), req.headers(), req.body(), true, req.where(), req.raw());
    }

    private void negative(String kind, String text) {
        negative(kind, HardCorpus.fit(CONTAINERS, turn++, text), text);
    }

    private void negative(String kind, String container, String text) {
        out.add(new HardCorpus.Out(saved(HardCorpus.build(container, text, r)), List.of(), List.of(),
                negativeTags(kind, container), text));
    }
}
