package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code closed-header} validator: a copyright header with All Rights Reserved and no licence around it is closed
 * code; BSD, MIT, Apache, GPL and Chromium headers say All Rights Reserved too and name their licence.
 */
class ClosedHeaderTest {

    private static final Validator V = Validators.create("closed-header", Map.of());

    /** {@code before[[match]]after}; \\n is a newline. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            ~/*[[\\n * Copyright (C) 2024 Kestrel Analytics, Inc.\\n * All Rights Reserved]].\\n */\\npublic class F {}~ | true
            ~[[# Copyright (c) 2023 Orvane Systems Ltd. All rights reserved]].\\n\\nimport numpy as np~               | true
            ~/*[[\\n * Copyright (c) 2019, The Regents.\\n * All rights reserved]].\\n *\\n * Redistribution and use in source and binary forms\\n */~ | false
            ~[[// Copyright (c) Microsoft Corporation. All rights reserved]].\\n// Licensed under the MIT License.\\n\\nusing System;~ | false
            ~[[// Copyright 2012 The Chromium Authors. All rights reserved]].\\n// Use of this source code is governed by a BSD-style license.~ | false
            ~// SPDX-License-Identifier: Apache-2.0\\n[[// Copyright 2023 The Foo Authors. All rights reserved]].\\n\\npackage foo~ | false
            ~/*[[\\n * Copyright (C) 2024 Jane Doe\\n * All Rights Reserved]].\\n *\\n * Permission is hereby granted, free of charge\\n */~ | false
            ~"license": "[[all rights reserved]]"~                                                                      | true
            """)
    void aHeaderWithoutALicenceIsClosed(String text, boolean expected) {
        String t = text.replace("\\n", "\n");
        int open = t.indexOf("[[");
        int close = t.indexOf("]]");
        String match = t.substring(open + 2, close);
        ValidationContext ctx = ValidationContext.around("source-code.proprietary-license", t.substring(0, open),
                t.substring(close + 2));
        assertThat(V.test(match, ctx)).as(text).isEqualTo(expected);
    }
}
