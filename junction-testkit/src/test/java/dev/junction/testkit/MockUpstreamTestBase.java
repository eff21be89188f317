package dev.junction.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One mock upstream per test class, reset before each test, with a wire client pointed at it. */
abstract class MockUpstreamTestBase {

    static MockUpstream mock;
    static WireClient client;

    @BeforeAll
    static void startMock() {
        mock = MockUpstream.start();
        client = new WireClient(mock);
    }

    @AfterAll
    static void closeMock() {
        mock.close();
    }

    @BeforeEach
    void resetMock() {
        mock.reset();
    }
}
