package io.hlbridge.nodes;

import java.util.List;
import java.util.Optional;

import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;

/**
 * A Camel cluster service whose leader, per namespace, is the node holding that namespace's lease in the store
 * ({@link NodeHeartbeat}), so Camel's own {@code ClusteredRoutePolicy} starts the singleton routes on one node and
 * moves them when that node goes. Only the local member is known to Camel; the status page reads the others from
 * the store.
 */
public final class DatabaseClusterService extends AbstractCamelClusterService<DatabaseClusterService.View> {
    private final NodeHeartbeat heartbeat;

    public DatabaseClusterService(NodeHeartbeat heartbeat) {
        super(heartbeat.node().id());
        this.heartbeat = heartbeat;
    }

    @Override
    protected View createView(String namespace) {
        return new View(namespace);
    }

    /** One namespace as this node sees it. */
    public final class View extends AbstractCamelClusterView {
        private final CamelClusterMember local = new CamelClusterMember() {
            @Override
            public boolean isLeader() {
                return heartbeat.leads(getNamespace());
            }

            @Override
            public boolean isLocal() {
                return true;
            }

            @Override
            public String getId() {
                return heartbeat.node().id();
            }
        };

        View(String namespace) {
            super(DatabaseClusterService.this, namespace);
        }

        @Override
        protected void doStart() {
            heartbeat.lead(getNamespace(), leader -> fireLeadershipChangedEvent(leader ? local : null));
        }

        @Override
        protected void doStop() {
            heartbeat.stopLeading(getNamespace());
        }

        @Override
        public Optional<CamelClusterMember> getLeader() {
            return local.isLeader() ? Optional.of(local) : Optional.empty();
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return local;
        }

        @Override
        public List<CamelClusterMember> getMembers() {
            return List.of(local);
        }
    }
}
