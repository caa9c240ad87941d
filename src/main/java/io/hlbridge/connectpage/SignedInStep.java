package io.hlbridge.connectpage;

import java.util.Optional;

import io.hlbridge.highlevel.UserContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * A step of the connect page that answers only a signed-in user: the request's session (its bearer token, nothing
 * else) says who; without a live one the answer is 401 and the page's script signs in again.
 */
abstract class SignedInStep implements Processor {
    final PageVisitors visitors;
    final ConnectPage page;

    SignedInStep(PageVisitors visitors, ConnectPage page) {
        this.visitors = visitors;
        this.page = page;
    }

    @Override
    public final void process(Exchange exchange) throws Exception {
        Message m = exchange.getMessage();
        Optional<PageVisitors.Session> session = visitors.session(m);
        if (session.isEmpty()) {
            page.notSignedIn(m);
            return;
        }
        answer(m, session.get().user());
    }

    /** Answers the request {@code m} of the signed-in {@code user}. */
    abstract void answer(Message m, UserContext user) throws Exception;

    /** The user a password attempt or a removal counts for: their location and HighLevel id. */
    static String userKey(UserContext user) {
        return user.activeLocation() + "/" + user.userId();
    }
}
