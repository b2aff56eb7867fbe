import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real single-datanode HDFS for SparkSubmitIT, run as a source file in a JVM of its own:
 * java -cp <hadoop-minicluster classpath> MiniHdfs.java BASE_DIR PORT. Prints "HDFS READY <uri>" once up, and runs
 * until the test stops the JVM.
 */
public class MiniHdfs {
  public static void main(String[] args) throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, args[0]);
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    conf.setBoolean("dfs.permissions.enabled", false);
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).nameNodePort(Integer.parseInt(args[1])).numDataNodes(1)
        .format(true).build();
    cluster.waitActive();
    System.out.println("HDFS READY hdfs://127.0.0.1:" + cluster.getNameNodePort());
    System.out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::shutdown));
    Thread.sleep(Long.MAX_VALUE);
  }
}
