// Starts a Neo4j 5.26 Community server on 127.0.0.1 for polgraph's tests and benchmarks.
// Run with: java -cp 'JAR_DIR/*' Launcher.java PORT DATA_DIR
// Bolt only (no HTTP), authentication off, a small page cache; stops cleanly on SIGTERM.
import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

public class Launcher {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path home = Path.of(args[1]);
        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 128L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ZERO)
                .build();
        service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME); // wait until it is available
        Runtime.getRuntime().addShutdownHook(new Thread(service::shutdown));
        System.out.println("NEO4J READY bolt://127.0.0.1:" + port);
        System.out.flush();
        Thread.currentThread().join();
    }
}
