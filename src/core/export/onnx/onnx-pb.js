/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $Array = $util.global.Array;

const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const onnx = $root.onnx = (() => {

    const onnx = {};

    onnx.Version = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "_START_VERSION"] = 0;
        values[valuesById[1] = "IR_VERSION_2017_10_10"] = 1;
        values[valuesById[2] = "IR_VERSION_2017_10_30"] = 2;
        values[valuesById[3] = "IR_VERSION_2017_11_3"] = 3;
        values[valuesById[4] = "IR_VERSION_2019_1_22"] = 4;
        values[valuesById[5] = "IR_VERSION_2019_3_18"] = 5;
        values[valuesById[6] = "IR_VERSION_2019_9_19"] = 6;
        values[valuesById[7] = "IR_VERSION_2020_5_8"] = 7;
        values[valuesById[8] = "IR_VERSION"] = 8;
        return values;
    })();

    onnx.AttributeProto = (function() {

        const AttributeProto = function (p) {
            this.floats = [];
            this.ints = [];
            this.strings = [];
            this.tensors = [];
            this.graphs = [];
            this.sparse_tensors = [];
            this.type_protos = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        AttributeProto.prototype.name = "";
        AttributeProto.prototype.ref_attr_name = "";
        AttributeProto.prototype.doc_string = "";
        AttributeProto.prototype.type = 0;
        AttributeProto.prototype.f = 0;
        AttributeProto.prototype.i = $util.Long ? $util.Long.fromBits(0,0,false) : 0;
        AttributeProto.prototype.s = $util.newBuffer([]);
        AttributeProto.prototype.t = null;
        AttributeProto.prototype.g = null;
        AttributeProto.prototype.sparse_tensor = null;
        AttributeProto.prototype.tp = null;
        AttributeProto.prototype.floats = $util.emptyArray;
        AttributeProto.prototype.ints = $util.emptyArray;
        AttributeProto.prototype.strings = $util.emptyArray;
        AttributeProto.prototype.tensors = $util.emptyArray;
        AttributeProto.prototype.graphs = $util.emptyArray;
        AttributeProto.prototype.sparse_tensors = $util.emptyArray;
        AttributeProto.prototype.type_protos = $util.emptyArray;

        AttributeProto.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.name != null && $Object.hasOwnProperty.call(m, "name"))
                w.uint32(10).string(m.name);
            if (m.f != null && $Object.hasOwnProperty.call(m, "f"))
                w.uint32(21).float(m.f);
            if (m.i != null && $Object.hasOwnProperty.call(m, "i"))
                w.uint32(24).int64(m.i);
            if (m.s != null && $Object.hasOwnProperty.call(m, "s"))
                w.uint32(34).bytes(m.s);
            if (m.t != null && $Object.hasOwnProperty.call(m, "t"))
                $root.onnx.TensorProto.encode(m.t, w.uint32(42).fork(), q + 1).ldelim();
            if (m.g != null && $Object.hasOwnProperty.call(m, "g"))
                $root.onnx.GraphProto.encode(m.g, w.uint32(50).fork(), q + 1).ldelim();
            if (m.floats != null && m.floats.length) {
                for (var i = 0; i < m.floats.length; ++i)
                    w.uint32(61).float(m.floats[i]);
            }
            if (m.ints != null && m.ints.length) {
                for (var i = 0; i < m.ints.length; ++i)
                    w.uint32(64).int64(m.ints[i]);
            }
            if (m.strings != null && m.strings.length) {
                for (var i = 0; i < m.strings.length; ++i)
                    w.uint32(74).bytes(m.strings[i]);
            }
            if (m.tensors != null && m.tensors.length) {
                for (var i = 0; i < m.tensors.length; ++i)
                    $root.onnx.TensorProto.encode(m.tensors[i], w.uint32(82).fork(), q + 1).ldelim();
            }
            if (m.graphs != null && m.graphs.length) {
                for (var i = 0; i < m.graphs.length; ++i)
                    $root.onnx.GraphProto.encode(m.graphs[i], w.uint32(90).fork(), q + 1).ldelim();
            }
            if (m.doc_string != null && $Object.hasOwnProperty.call(m, "doc_string"))
                w.uint32(106).string(m.doc_string);
            if (m.tp != null && $Object.hasOwnProperty.call(m, "tp"))
                $root.onnx.TypeProto.encode(m.tp, w.uint32(114).fork(), q + 1).ldelim();
            if (m.type_protos != null && m.type_protos.length) {
                for (var i = 0; i < m.type_protos.length; ++i)
                    $root.onnx.TypeProto.encode(m.type_protos[i], w.uint32(122).fork(), q + 1).ldelim();
            }
            if (m.type != null && $Object.hasOwnProperty.call(m, "type"))
                w.uint32(160).int32(m.type);
            if (m.ref_attr_name != null && $Object.hasOwnProperty.call(m, "ref_attr_name"))
                w.uint32(170).string(m.ref_attr_name);
            if (m.sparse_tensor != null && $Object.hasOwnProperty.call(m, "sparse_tensor"))
                $root.onnx.SparseTensorProto.encode(m.sparse_tensor, w.uint32(178).fork(), q + 1).ldelim();
            if (m.sparse_tensors != null && m.sparse_tensors.length) {
                for (var i = 0; i < m.sparse_tensors.length; ++i)
                    $root.onnx.SparseTensorProto.encode(m.sparse_tensors[i], w.uint32(186).fork(), q + 1).ldelim();
            }
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        AttributeProto.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.onnx.AttributeProto();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        m.name = r.string();
                        continue;
                    }
                case 21: {
                        if (u !== 2)
                            break;
                        m.ref_attr_name = r.string();
                        continue;
                    }
                case 13: {
                        if (u !== 2)
                            break;
                        m.doc_string = r.string();
                        continue;
                    }
                case 20: {
                        if (u !== 0)
                            break;
                        v = r.int32();
                        if ($root.onnx.AttributeProto.AttributeType[v] !== $undefined) {
                            m.type = v;
                        } else if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                        continue;
                    }
                case 2: {
                        if (u !== 5)
                            break;
                        m.f = r.float();
                        continue;
                    }
                case 3: {
                        if (u !== 0)
                            break;
                        m.i = r.int64();
                        continue;
                    }
                case 4: {
                        if (u !== 2)
                            break;
                        m.s = r.bytes();
                        continue;
                    }
                case 5: {
                        if (u !== 2)
                            break;
                        m.t = $root.onnx.TensorProto.decode(r, r.size(), $undefined, q + 1, m.t);
                        continue;
                    }
                case 6: {
                        if (u !== 2)
                            break;
                        m.g = $root.onnx.GraphProto.decode(r, r.size(), $undefined, q + 1, m.g);
                        continue;
                    }
                case 22: {
                        if (u !== 2)
                            break;
                        m.sparse_tensor = $root.onnx.SparseTensorProto.decode(r, r.size(), $undefined, q + 1, m.sparse_tensor);
                        continue;
                    }
                case 14: {
                        if (u !== 2)
                            break;
                        m.tp = $root.onnx.TypeProto.decode(r, r.size(), $undefined, q + 1, m.tp);
                        continue;
                    }
                case 7: {
                        if (u === 2) {
                            if (!(m.floats && m.floats.length))
                                m.floats = [];
                            r.floats(m.floats);
                            continue;
                        }
                        if (u !== 5)
                            break;
                        if (!(m.floats && m.floats.length))
                            m.floats = [];
                        m.floats.push(r.float());
                        continue;
                    }
                case 8: {
                        if (u === 2) {
                            if (!(m.ints && m.ints.length))
                                m.ints = [];
                            r.int64s(m.ints);
                            continue;
                        }
                        if (u !== 0)
                            break;
                        if (!(m.ints && m.ints.length))
                            m.ints = [];
                        m.ints.push(r.int64());
                        continue;
                    }
                case 9: {
                        if (u !== 2)
                            break;
                        if (!(m.strings && m.strings.length))
                            m.strings = [];
                        m.strings.push(r.bytes());
                        continue;
                    }
                case 10: {
                        if (u !== 2)
                            break;
                        if (!(m.tensors && m.tensors.length))
                            m.tensors = [];
                        m.tensors.push($root.onnx.TensorProto.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                case 11: {
                        if (u !== 2)
                            break;
                        if (!(m.graphs && m.graphs.length))
                            m.graphs = [];
                        m.graphs.push($root.onnx.GraphProto.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                case 23: {
                        if (u !== 2)
                            break;
                        if (!(m.sparse_tensors && m.sparse_tensors.length))
                            m.sparse_tensors = [];
                        m.sparse_tensors.push($root.onnx.SparseTensorProto.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                case 15: {
                        if (u !== 2)
                            break;
                        if (!(m.type_protos && m.type_protos.length))
                            m.type_protos = [];
                        m.type_protos.push($root.onnx.TypeProto.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        AttributeProto.verify = function (m, q) {
            if (typeof m !== "object" || m === null)
                return "object expected";
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                return "max depth exceeded";
            if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                if (!$util.isString(m.name))
                    return "name: string expected";
            }
            if (m.ref_attr_name != null && $Object.hasOwnProperty.call(m, "ref_attr_name")) {
                if (!$util.isString(m.ref_attr_name))
                    return "ref_attr_name: string expected";
            }
            if (m.doc_string != null && $Object.hasOwnProperty.call(m, "doc_string")) {
                if (!$util.isString(m.doc_string))
                    return "doc_string: string expected";
            }
            if (m.type != null && $Object.hasOwnProperty.call(m, "type")) {
                switch (m.type) {
                default:
                    return "type: enum value expected";
                case 0:
                case 1:
                case 2:
                case 3:
                case 4:
                case 5:
                case 11:
                case 13:
                case 6:
                case 7:
                case 8:
                case 9:
                case 10:
                case 12:
                case 14:
                    break;
                }
            }
            if (m.f != null && $Object.hasOwnProperty.call(m, "f")) {
                if (typeof m.f !== "number")
                    return "f: number expected";
            }
            if (m.i != null && $Object.hasOwnProperty.call(m, "i")) {
                if (!$util.isInteger(m.i) && !(m.i && $util.isInteger(m.i.low) && $util.isInteger(m.i.high)))
                    return "i: integer|Long expected";
            }
            if (m.s != null && $Object.hasOwnProperty.call(m, "s")) {
                if (!(m.s && typeof m.s.length === "number" || $util.isString(m.s)))
                    return "s: buffer expected";
            }
            if (m.t != null && $Object.hasOwnProperty.call(m, "t")) {
                {
                    var e = $root.onnx.TensorProto.verify(m.t, q + 1);
                    if (e)
                        return "t." + e;
                }
            }
            if (m.g != null && $Object.hasOwnProperty.call(m, "g")) {
                {
                    var e = $root.onnx.GraphProto.verify(m.g, q + 1);
                    if (e)
                        return "g." + e;
                }
            }
            if (m.sparse_tensor != null && $Object.hasOwnProperty.call(m, "sparse_tensor")) {
                {
                    var e = $root.onnx.SparseTensorProto.verify(m.sparse_tensor, q + 1);
                    if (e)
                        return "sparse_tensor." + e;
                }
            }
            if (m.tp != null && $Object.hasOwnProperty.call(m, "tp")) {
                {
                    var e = $root.onnx.TypeProto.verify(m.tp, q + 1);
                    if (e)
                        return "tp." + e;
                }
            }
            if (m.floats != null && $Object.hasOwnProperty.call(m, "floats")) {
                if (!$Array.isArray(m.floats))
                    return "floats: array expected";
                for (var i = 0; i < m.floats.length; ++i) {
                    if (typeof m.floats[i] !== "number")
                        return "floats: number[] expected";
                }
            }
            if (m.ints != null && $Object.hasOwnProperty.call(m, "ints")) {
                if (!$Array.isArray(m.ints))
                    return "ints: array expected";
                for (var i = 0; i < m.ints.length; ++i) {
                    if (!$util.isInteger(m.ints[i]) && !(m.ints[i] && $util.isInteger(m.ints[i].low) && $util.isInteger(m.ints[i].high)))
                        return "ints: integer|Long[] expected";
                }
            }
            if (m.strings != null && $Object.hasOwnProperty.call(m, "strings")) {
                if (!$Array.isArray(m.strings))
                    return "strings: array expected";
                for (var i = 0; i < m.strings.length; ++i) {
                    if (!(m.strings[i] && typeof m.strings[i].length === "number" || $util.isString(m.strings[i])))
                        return "strings: buffer[] expected";
                }
            }
            if (m.tensors != null && $Object.hasOwnProperty.call(m, "tensors")) {
                if (!$Array.isArray(m.tensors))
                    return "tensors: array expected";
                for (var i = 0; i < m.tensors.length; ++i) {
                    {
                        var e = $root.onnx.TensorProto.verify(m.tensors[i], q + 1);
                        if (e)
                            return "tensors." + e;
                    }
                }
            }
            if (m.graphs != null && $Object.hasOwnProperty.call(m, "graphs")) {
                if (!$Array.isArray(m.graphs))
                    return "graphs: array expected";
                for (var i = 0; i < m.graphs.length; ++i) {
                    {
                        var e = $root.onnx.GraphProto.verify(m.graphs[i], q + 1);
                        if (e)
                            return "graphs." + e;
                    }
                }
            }
            if (m.sparse_tensors != null && $Object.hasOwnProperty.call(m, "sparse_tensors")) {
                if (!$Array.isArray(m.sparse_tensors))
                    return "sparse_tensors: array expected";
                for (var i = 0; i < m.sparse_tensors.length; ++i) {
                    {
                        var e = $root.onnx.SparseTensorProto.verify(m.sparse_tensors[i], q + 1);
                        if (e)
                            return "sparse_tensors." + e;
                    }
                }
            }
            if (m.type_protos != null && $Object.hasOwnProperty.call(m, "type_protos")) {
                if (!$Array.isArray(m.type_protos))
                    return "type_protos: array expected";
                for (var i = 0; i < m.type_protos.length; ++i) {
                    {
                        var e = $root.onnx.TypeProto.verify(m.type_protos[i], q + 1);
                        if (e)
                            return "type_protos." + e;
                    }
                }
            }
            return null;
        };

        AttributeProto.AttributeType = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "UNDEFINED"] = 0;
            values[valuesById[1] = "FLOAT"] = 1;
            values[valuesById[2] = "INT"] = 2;
            values[valuesById[3] = "STRING"] = 3;
            values[valuesById[4] = "TENSOR"] = 4;
            values[valuesById[5] = "GRAPH"] = 5;
            values[valuesById[11] = "SPARSE_TENSOR"] = 11;
            values[valuesById[13] = "TYPE_PROTO"] = 13;
            values[valuesById[6] = "FLOATS"] = 6;
            values[valuesById[7] = "INTS"] = 7;
            values[valuesById[8] = "STRINGS"] = 8;
            values[valuesById[9] = "TENSORS"] = 9;
            values[valuesById[10] = "GRAPHS"] = 10;
            values[valuesById[12] = "SPARSE_TENSORS"] = 12;
            values[valuesById[14] = "TYPE_PROTOS"] = 14;
            return values;
        })();

        return AttributeProto;
    })();

    onnx.ValueInfoProto = (function() {

        const ValueInfoProto = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        ValueInfoProto.prototype.name = "";
        ValueInfoProto.prototype.type = null;
        ValueInfoProto.prototype.doc_string = "";

        ValueInfoProto.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.name != null && $Object.hasOwnProperty.call(m, "name"))
                w.uint32(10).string(m.name);
            if (m.type != null && $Object.hasOwnProperty.call(m, "type"))
                $root.onnx.TypeProto.encode(m.type, w.uint32(18).fork(), q + 1).ldelim();
            if (m.doc_string != null && $Object.hasOwnProperty.call(m, "doc_string"))
                w.uint32(26).string(m.doc_string);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        ValueInfoProto.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.onnx.ValueInfoProto();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        m.name = r.string();
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        m.type = $root.onnx.TypeProto.decode(r, r.size(), $undefined, q + 1, m.type);
                        continue;
                    }
                case 3: {
                        if (u !== 2)
                            break;
                        m.doc_string = r.string();
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        ValueInfoProto.verify = function (m, q) {
            if (typeof m !== "object" || m === null)
                return "object expected";
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                return "max depth exceeded";
            if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                if (!$util.isString(m.name))
                    return "name: string expected";
            }
            if (m.type != null && $Object.hasOwnProperty.call(m, "type")) {
                {
                    var e = $root.onnx.TypeProto.verify(m.type, q + 1);
                    if (e)
                        return "type." + e;
                }
            }
            if (m.doc_string != null && $Object.hasOwnProperty.call(m, "doc_string")) {
                if (!$util.isString(m.doc_string))
                    return "doc_string: string expected";
            }
            return null;
        };

        return ValueInfoProto;
    })();

    onnx.NodeProto = (function() {

        const NodeProto = function (p) {
            this.input = [];
            this.output = [];
            this.attribute = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        NodeProto.prototype.input = $util.emptyArray;
        NodeProto.prototype.output = $util.emptyArray;
        NodeProto.prototype.name = "";
        NodeProto.prototype.op_type = "";
        NodeProto.prototype.domain = "";
        NodeProto.prototype.attribute = $util.emptyArray;
        NodeProto.prototype.doc_string = "";

        NodeProto.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.input != null && m.input.length) {
                for (var i = 0; i < m.input.length; ++i)
                    w.uint32(10).string(m.input[i]);
            }
            if (m.output != null && m.output.length) {
                for (var i = 0; i < m.output.length; ++i)
                    w.uint32(18).string(m.output[i]);
            }
            if (m.name != null && $Object.hasOwnProperty.call(m, "name"))
                w.uint32(26).string(m.name);
            if (m.op_type != null && $Object.hasOwnProperty.call(m, "op_type"))
                w.uint32(34).string(m.op_type);
            if (m.attribute != null && m.attribute.length) {
                for (var i = 0; i < m.attribute.length; ++i)
                    $root.onnx.AttributeProto.encode(m.attribute[i], w.uint32(42).fork(), q + 1).ldelim();
            }
            if (m.doc_string != null && $Object.hasOwnProperty.call(m, "doc_string"))
                w.uint32(50).string(m.doc_string);
            if (m.domain != null && $Object.hasOwnProperty.call(m, "domain"))
                w.uint32(58).string(m.domain);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        NodeProto.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.onnx.NodeProto();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if (!(m.input && m.input.length))
                            m.input = [];
                        m.input.push(r.string());
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        if (!(m.output && m.output.length))
                            m.output = [];
                        m.output.push(r.string());
                        continue;
                    }
                case 3: {
                        if (u !== 2)
                            break;
                        m.name = r.string();
                        continue;
                    }
                case 4: {
                        if (u !== 2)
                            break;
                        m.op_type = r.string();
                        continue;
                    }
                case 7: {
                        if (u !== 2)
                            break;
                        m.domain = r.string();
                        continue;
                    }
                case 5: {
                        if (u !== 2)
                            break;
                        if (!(m.attribute && m.attribute.length))
                            m.attribute = [];
                        m.attribute.push($root.onnx.AttributeProto.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                case 6: {
                        if (u !== 2)
                            break;
                        m.doc_string = r.string();
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        NodeProto.verify = function (m, q) {
            if (typeof m !== "object" || m === null)
                return "object expected";
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                return "max depth exceeded";
            if (m.input != null && $Object.hasOwnProperty.call(m, "input")) {
                if (!$Array.isArray(m.input))
                    return "input: array expected";
                for (var i = 0; i < m.input.length; ++i) {
                    if (!$util.isString(m.input[i]))
                        return "input: string[] expected";
                }
            }
            if (m.output != null && $Object.hasOwnProperty.call(m, "output")) {
                if (!$Array.isArray(m.output))
                    return "output: array expected";
                for (var i = 0; i < m.output.length; ++i) {
                    if (!$util.isString(m.output[i]))
                        return "output: string[] expected";
                }
            }
            if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                if (!$util.isString(m.name))
                    return "name: string expected";
            }
            if (m.op_type != null && $Object.hasOwnProperty.call(m, "op_type")) {
                if (!$util.isString(m.op_type))
                    return "op_type: string expected";
            }
            if (m.domain != null && $Object.hasOwnProperty.call(m, "domain")) {
                if (!$util.isString(m.domain))
                    return "domain: string expected";
            }
            if (m.attribute != null && $Object.hasOwnProperty.call(m, "attribute")) {
                if (!$Array.isArray(m.attribute))
                    return "attribute: array expected";
                for (var i = 0; i < m.attribute.length; ++i) {
                    {
                        var e = $root.onnx.AttributeProto.verify(m.attribute[i], q + 1);
                        if (e)
                            return "attribute." + e;
                    }
                }
            }
            if (m.doc_string != null && $Object.hasOwnProperty.call(m, "doc_string")) {
                if (!$util.isString(m.doc_string))
                    return "doc_string: string expected";
            }
            return null;
        };

        return NodeProto;
    })();

    onnx.TrainingInfoProto = (function() {

        const TrainingInfoProto = function (p) {
            this.initialization_binding = [];
            this.update_binding = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        TrainingInfoProto.prototype.initialization = null;
        TrainingInfoProto.prototype.algorithm = null;
        TrainingInfoProto.prototype.initialization_binding = $util.emptyArray;
        TrainingInfoProto.prototype.update_binding = $util.emptyArray;

        TrainingInfoProto.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.initialization != null && $Object.hasOwnProperty.call(m, "initialization"))
                $root.onnx.GraphProto.encode(m.initialization, w.uint32(10).fork(), q + 1).ldelim();
            if (m.algorithm != null && $Object.hasOwnProperty.call(m, "algorithm"))
                $root.onnx.GraphProto.encode(m.algorithm, w.uint32(18).fork(), q + 1).ldelim();
            if (m.initialization_binding != null && m.initialization_binding.length) {
                for (var i = 0; i < m.initialization_binding.length; ++i)
                    $root.onnx.StringStringEntryProto.encode(m.initialization_binding[i], w.uint32(26).fork(), q + 1).ldelim();
            }
            if (m.update_binding != null && m.update_binding.length) {
                for (var i = 0; i < m.update_binding.length; ++i)
                    $root.onnx.StringStringEntryProto.encode(m.update_binding[i], w.uint32(34).fork(), q + 1).ldelim();
            }
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        TrainingInfoProto.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.onnx.TrainingInfoProto();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        m.initialization = $root.onnx.GraphProto.decode(r, r.size(), $undefined, q + 1, m.initialization);
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        m.algorithm = $root.onnx.GraphProto.decode(r, r.size(), $undefined, q + 1, m.algorithm);
                        continue;
                    }
                case 3: {
                        if (u !== 2)
                            break;
                        if (!(m.initialization_binding && m.initialization_binding.length))
                            m.initialization_binding = [];
                        m.initialization_binding.push($root.onnx.StringStringEntryProto.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                case 4: {
                        if (u !== 2)
                            break;
                        if (!(m.update_binding && m.update_binding.length))
                            m.update_binding = [];
                        m.update_binding.push($root.onnx.StringStringEntryProto.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        TrainingInfoProto.verify = function (m, q) {
            if (typeof m !== "object" || m === null)
                return "object expected";
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                return "max depth exceeded";
            if (m.initialization != null && $Object.hasOwnProperty.call(m, "initialization")) {
                {
                    var e = $root.onnx.GraphProto.verify(m.initialization, q + 1);
                    if (e)
                        return "initialization." + e;
                }
            }
            if (m.algorithm != null && $Object.hasOwnProperty.call(m, "algorithm")) {
                {
                    var e = $root.onnx.GraphProto.verify(m.algorithm, q + 1);
                    if (e)
                        return "algorithm." + e;
                }
            }
            if (m.initialization_binding != null && $Object.hasOwnProperty.call(m, "initialization_binding")) {
                if (!$Array.isArray(m.initialization_binding))
                    return "initialization_binding: array expected";
                for (var i = 0; i < m.initialization_binding.length; ++i) {
                    {
                        var e = $root.onnx.StringStringEntryProto.verify(m.initialization_binding[i], q + 1);
                        if (e)
                            return "initialization_binding." + e;
                    }
                }
            }
            if (m.update_binding != null && $Object.hasOwnProperty.call(m, "update_binding")) {
                if (!$Array.isArray(m.update_binding))
                    return "update_binding: array expected";
                for (var i = 0; i < m.update_binding.length; ++i) {
                    {
                        var e = $root.onnx.StringStringEntryProto.verify(m.update_binding[i], q + 1);
                        if (e)
                            return "update_binding." + e;
                    }
                }
            }
            return null;
        };

        return TrainingInfoProto;
    })();

    onnx.ModelProto = (function() {

        const ModelProto = function (p) {
            this.opset_import = [];
            this.metadata_props = [];
            this.training_info = [];
            this.functions = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        ModelProto.prototype.ir_version = $util.Long ? $util.Long.fromBits(0,0,false) : 0;
        ModelProto.prototype.opset_import = $util.emptyArray;
        ModelProto.prototype.producer_name = "";
        ModelProto.prototype.producer_version = "";
        ModelProto.prototype.domain = "";
        ModelProto.prototype.model_version = $util.Long ? $util.Long.fromBits(0,0,false) : 0;
        ModelProto.prototype.doc_string = "";
        ModelProto.prototype.graph = null;
        ModelProto.prototype.metadata_props = $util.emptyArray;
        ModelProto.prototype.training_info = $util.emptyArray;
        ModelProto.prototype.functions = $util.emptyArray;

        ModelProto.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.ir_version != null && $Object.hasOwnProperty.call(m, "ir_version"))
                w.uint32(8).int64(m.ir_version);
            if (m.producer_name != null && $Object.hasOwnProperty.call(m, "producer_name"))
                w.uint32(18).string(m.producer_name);
            if (m.producer_version != null && $Object.hasOwnProperty.call(m, "producer_version"))
                w.uint32(26).string(m.producer_version);
            if (m.domain != null && $Object.hasOwnProperty.call(m, "domain"))
                w.uint32(34).string(m.domain);
            if (m.model_version != null && $Object.hasOwnProperty.call(m, "model_version"))
                w.uint32(40).int64(m.model_version);
            if (m.doc_string != null && $Object.hasOwnProperty.call(m, "doc_string"))
                w.uint32(50).string(m.doc_string);
            if (m.graph != null && $Object.hasOwnProperty.call(m, "graph"))
                $root.onnx.GraphProto.encode(m.graph, w.uint32(58).fork(), q + 1).ldelim();
            if (m.opset_import != null && m.opset_import.length) {
                for (var i = 0; i < m.opset_import.length; ++i)
                    $root.onnx.OperatorSetIdProto.encode(m.opset_import[i], w.uint32(66).fork(), q + 1).ldelim();
            }
            if (m.metadata_props != null && m.metadata_props.length) {
                for (var i = 0; i < m.metadata_props.length; ++i)
                    $root.onnx.StringStringEntryProto.encode(m.metadata_props[i], w.uint32(114).fork(), q + 1).ldelim();
            }
            if (m.training_info != null && m.training_info.length) {
                for (var i = 0; i < m.training_info.length; ++i)
                    $root.onnx.TrainingInfoProto.encode(m.training_info[i], w.uint32(162).fork(), q + 1).ldelim();
            }
            if (m.functions != null && m.functions.length) {
                for (var i = 0; i < m.functions.length; ++i)
                    $root.onnx.FunctionProto.encode(m.functions[i], w.uint32(202).fork(), q + 1).ldelim();
            }
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        ModelProto.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.onnx.ModelProto();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 0)
                            break;
                        m.ir_version = r.int64();
                        continue;
                    }
                case 8: {
                        if (u !== 2)
                            break;
                        if (!(m.opset_import && m.opset_import.length))
                            m.opset_import = [];
                        m.opset_import.push($root.onnx.OperatorSetIdProto.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        m.producer_name = r.string();
                        continue;
                    }
                case 3: {
                        if (u !== 2)
                            break;
                        m.producer_version = r.string();
                        continue;
                    }
                case 4: {
                        if (u !== 2)
                            break;
                        m.domain = r.string();
                        continue;
                    }
                case 5: {
                        if (u !== 0)
                            break;
                        m.model_version = r.int64();
                        continue;
                    }
                case 6: {
                        if (u !== 2)
                            break;
                        m.doc_string = r.string();
                        continue;
                    }
                case 7: {
                        if (u !== 2)
                            break;
                        m.graph = $root.onnx.GraphProto.decode(r, r.size(), $undefined, q + 1, m.graph);
                        continue;
                    }
                case 14: {
                        if (u !== 2)
                            break;
                        if (!(m.metadata_props && m.metadata_props.length))
                            m.metadata_props = [];
                        m.metadata_props.push($root.onnx.StringStringEntryProto.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                case 20: {
                        if (u !== 2)
                            break;
                        if (!(m.training_info && m.training_info.length))
                            m.training_info = [];
                        m.training_info.push($root.onnx.TrainingInfoProto.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                case 25: {
                        if (u !== 2)
                            break;
                        if (!(m.functions && m.functions.length))
                            m.functions = [];
                        m.functions.push($root.onnx.FunctionProto.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        ModelProto.verify = function (m, q) {
            if (typeof m !== "object" || m === null)
                return "object expected";
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                return "max depth exceeded";
            if (m.ir_version != null && $Object.hasOwnProperty.call(m, "ir_version")) {
                if (!$util.isInteger(m.ir_version) && !(m.ir_version && $util.isInteger(m.ir_version.low) && $util.isInteger(m.ir_version.high)))
                    return "ir_version: integer|Long expected";
            }
            if (m.opset_import != null && $Object.hasOwnProperty.call(m, "opset_import")) {
                if (!$Array.isArray(m.opset_import))
                    return "opset_import: array expected";
                for (var i = 0; i < m.opset_import.length; ++i) {
                    {
                        var e = $root.onnx.OperatorSetIdProto.verify(m.opset_import[i], q + 1);
                        if (e)
                            return "opset_import." + e;
                    }
                }
            }
            if (m.producer_name != null && $Object.hasOwnProperty.call(m, "producer_name")) {
                if (!$util.isString(m.producer_name))
                    return "producer_name: string expected";
            }
            if (m.producer_version != null && $Object.hasOwnProperty.call(m, "producer_version")) {
                if (!$util.isString(m.producer_version))
                    return "producer_version: string expected";
            }
            if (m.domain != null && $Object.hasOwnProperty.call(m, "domain")) {
                if (!$util.isString(m.domain))
                    return "domain: string expected";
            }
            if (m.model_version != null && $Object.hasOwnProperty.call(m, "model_version")) {
                if (!$util.isInteger(m.model_version) && !(m.model_version && $util.isInteger(m.model_version.low) && $util.isInteger(m.model_version.high)))
                    return "model_version: integer|Long expected";
            }
            if (m.doc_string != null && $Object.hasOwnProperty.call(m, "doc_string")) {
                if (!$util.isString(m.doc_string))
                    return "doc_string: string expected";
            }
            if (m.graph != null && $Object.hasOwnProperty.call(m, "graph")) {
                {
                    var e = $root.onnx.GraphProto.verify(m.graph, q + 1);
                    if (e)
                        return "graph." + e;
                }
            }
            if (m.metadata_props != null && $Object.hasOwnProperty.call(m, "metadata_props")) {
                if (!$Array.isArray(m.metadata_props))
                    return "metadata_props: array expected";
                for (var i = 0; i < m.metadata_props.length; ++i) {
                    {
                        var e = $root.onnx.StringStringEntryProto.verify(m.metadata_props[i], q + 1);
                        if (e)
                            return "metadata_props." + e;
                    }
                }
            }
            if (m.training_info != null && $Object.hasOwnProperty.call(m, "training_info")) {
                if (!$Array.isArray(m.training_info))
                    return "training_info: array expected";
                for (var i = 0; i < m.training_info.length; ++i) {
                    {
                        var e = $root.onnx.TrainingInfoProto.verify(m.training_info[i], q + 1);
                        if (e)
                            return "training_info." + e;
                    }
                }
            }
            if (m.functions != null && $Object.hasOwnProperty.call(m, "functions")) {
                if (!$Array.isArray(m.functions))
                    return "functions: array expected";
                for (var i = 0; i < m.functions.length; ++i) {
                    {
                        var e = $root.onnx.FunctionProto.verify(m.functions[i], q + 1);
                        if (e)
                            return "functions." + e;
                    }
                }
            }
            return null;
        };

        return ModelProto;
    })();

    onnx.StringStringEntryProto = (function() {

        const StringStringEntryProto = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        StringStringEntryProto.prototype.key = "";
        StringStringEntryProto.prototype.value = "";

        StringStringEntryProto.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.key != null && $Object.hasOwnProperty.call(m, "key"))
                w.uint32(10).string(m.key);
            if (m.value != null && $Object.hasOwnProperty.call(m, "value"))
                w.uint32(18).string(m.value);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        StringStringEntryProto.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.onnx.StringStringEntryProto();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        m.key = r.string();
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        m.value = r.string();
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        StringStringEntryProto.verify = function (m, q) {
            if (typeof m !== "object" || m === null)
                return "object expected";
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                return "max depth exceeded";
            if (m.key != null && $Object.hasOwnProperty.call(m, "key")) {
                if (!$util.isString(m.key))
                    return "key: string expected";
            }
            if (m.value != null && $Object.hasOwnProperty.call(m, "value")) {
                if (!$util.isString(m.value))
                    return "value: string expected";
            }
            return null;
        };

        return StringStringEntryProto;
    })();

    onnx.TensorAnnotation = (function() {

        const TensorAnnotation = function (p) {
            this.quant_parameter_tensor_names = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        TensorAnnotation.prototype.tensor_name = "";
        TensorAnnotation.prototype.quant_parameter_tensor_names = $util.emptyArray;

        TensorAnnotation.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.tensor_name != null && $Object.hasOwnProperty.call(m, "tensor_name"))
                w.uint32(10).string(m.tensor_name);
            if (m.quant_parameter_tensor_names != null && m.quant_parameter_tensor_names.length) {
                for (var i = 0; i < m.quant_parameter_tensor_names.length; ++i)
                    $root.onnx.StringStringEntryProto.encode(m.quant_parameter_tensor_names[i], w.uint32(18).fork(), q + 1).ldelim();
            }
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        TensorAnnotation.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.onnx.TensorAnnotation();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        m.tensor_name = r.string();
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        if (!(m.quant_parameter_tensor_names && m.quant_parameter_tensor_names.length))
                            m.quant_parameter_tensor_names = [];
                        m.quant_parameter_tensor_names.push($root.onnx.StringStringEntryProto.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        TensorAnnotation.verify = function (m, q) {
            if (typeof m !== "object" || m === null)
                return "object expected";
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                return "max depth exceeded";
            if (m.tensor_name != null && $Object.hasOwnProperty.call(m, "tensor_name")) {
                if (!$util.isString(m.tensor_name))
                    return "tensor_name: string expected";
            }
            if (m.quant_parameter_tensor_names != null && $Object.hasOwnProperty.call(m, "quant_parameter_tensor_names")) {
                if (!$Array.isArray(m.quant_parameter_tensor_names))
                    return "quant_parameter_tensor_names: array expected";
                for (var i = 0; i < m.quant_parameter_tensor_names.length; ++i) {
                    {
                        var e = $root.onnx.StringStringEntryProto.verify(m.quant_parameter_tensor_names[i], q + 1);
                        if (e)
                            return "quant_parameter_tensor_names." + e;
                    }
                }
            }
            return null;
        };

        return TensorAnnotation;
    })();

    onnx.GraphProto = (function() {

        const GraphProto = function (p) {
            this.node = [];
            this.initializer = [];
            this.sparse_initializer = [];
            this.input = [];
            this.output = [];
            this.value_info = [];
            this.quantization_annotation = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        GraphProto.prototype.node = $util.emptyArray;
        GraphProto.prototype.name = "";
        GraphProto.prototype.initializer = $util.emptyArray;
        GraphProto.prototype.sparse_initializer = $util.emptyArray;
        GraphProto.prototype.doc_string = "";
        GraphProto.prototype.input = $util.emptyArray;
        GraphProto.prototype.output = $util.emptyArray;
        GraphProto.prototype.value_info = $util.emptyArray;
        GraphProto.prototype.quantization_annotation = $util.emptyArray;

        GraphProto.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.node != null && m.node.length) {
                for (var i = 0; i < m.node.length; ++i)
                    $root.onnx.NodeProto.encode(m.node[i], w.uint32(10).fork(), q + 1).ldelim();
            }
            if (m.name != null && $Object.hasOwnProperty.call(m, "name"))
                w.uint32(18).string(m.name);
            if (m.initializer != null && m.initializer.length) {
                for (var i = 0; i < m.initializer.length; ++i)
                    $root.onnx.TensorProto.encode(m.initializer[i], w.uint32(42).fork(), q + 1).ldelim();
            }
            if (m.doc_string != null && $Object.hasOwnProperty.call(m, "doc_string"))
                w.uint32(82).string(m.doc_string);
            if (m.input != null && m.input.length) {
                for (var i = 0; i < m.input.length; ++i)
                    $root.onnx.ValueInfoProto.encode(m.input[i], w.uint32(90).fork(), q + 1).ldelim();
            }
            if (m.output != null && m.output.length) {
                for (var i = 0; i < m.output.length; ++i)
                    $root.onnx.ValueInfoProto.encode(m.output[i], w.uint32(98).fork(), q + 1).ldelim();
            }
            if (m.value_info != null && m.value_info.length) {
                for (var i = 0; i < m.value_info.length; ++i)
                    $root.onnx.ValueInfoProto.encode(m.value_info[i], w.uint32(106).fork(), q + 1).ldelim();
            }
            if (m.quantization_annotation != null && m.quantization_annotation.length) {
                for (var i = 0; i < m.quantization_annotation.length; ++i)
                    $root.onnx.TensorAnnotation.encode(m.quantization_annotation[i], w.uint32(114).fork(), q + 1).ldelim();
            }
            if (m.sparse_initializer != null && m.sparse_initializer.length) {
                for (var i = 0; i < m.sparse_initializer.length; ++i)
                    $root.onnx.SparseTensorProto.encode(m.sparse_initializer[i], w.uint32(122).fork(), q + 1).ldelim();
            }
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        GraphProto.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.onnx.GraphProto();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if (!(m.node && m.node.length))
                            m.node = [];
                        m.node.push($root.onnx.NodeProto.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        m.name = r.string();
                        continue;
                    }
                case 5: {
                        if (u !== 2)
                            break;
                        if (!(m.initializer && m.initializer.length))
                            m.initializer = [];
                        m.initializer.push($root.onnx.TensorProto.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                case 15: {
                        if (u !== 2)
                            break;
                        if (!(m.sparse_initializer && m.sparse_initializer.length))
                            m.sparse_initializer = [];
                        m.sparse_initializer.push($root.onnx.SparseTensorProto.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                case 10: {
                        if (u !== 2)
                            break;
                        m.doc_string = r.string();
                        continue;
                    }
                case 11: {
                        if (u !== 2)
                            break;
                        if (!(m.input && m.input.length))
                            m.input = [];
                        m.input.push($root.onnx.ValueInfoProto.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                case 12: {
                        if (u !== 2)
                            break;
                        if (!(m.output && m.output.length))
                            m.output = [];
                        m.output.push($root.onnx.ValueInfoProto.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                case 13: {
                        if (u !== 2)
                            break;
                        if (!(m.value_info && m.value_info.length))
                            m.value_info = [];
                        m.value_info.push($root.onnx.ValueInfoProto.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                case 14: {
                        if (u !== 2)
                            break;
                        if (!(m.quantization_annotation && m.quantization_annotation.length))
                            m.quantization_annotation = [];
                        m.quantization_annotation.push($root.onnx.TensorAnnotation.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        GraphProto.verify = function (m, q) {
            if (typeof m !== "object" || m === null)
                return "object expected";
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                return "max depth exceeded";
            if (m.node != null && $Object.hasOwnProperty.call(m, "node")) {
                if (!$Array.isArray(m.node))
                    return "node: array expected";
                for (var i = 0; i < m.node.length; ++i) {
                    {
                        var e = $root.onnx.NodeProto.verify(m.node[i], q + 1);
                        if (e)
                            return "node." + e;
                    }
                }
            }
            if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                if (!$util.isString(m.name))
                    return "name: string expected";
            }
            if (m.initializer != null && $Object.hasOwnProperty.call(m, "initializer")) {
                if (!$Array.isArray(m.initializer))
                    return "initializer: array expected";
                for (var i = 0; i < m.initializer.length; ++i) {
                    {
                        var e = $root.onnx.TensorProto.verify(m.initializer[i], q + 1);
                        if (e)
                            return "initializer." + e;
                    }
                }
            }
            if (m.sparse_initializer != null && $Object.hasOwnProperty.call(m, "sparse_initializer")) {
                if (!$Array.isArray(m.sparse_initializer))
                    return "sparse_initializer: array expected";
                for (var i = 0; i < m.sparse_initializer.length; ++i) {
                    {
                        var e = $root.onnx.SparseTensorProto.verify(m.sparse_initializer[i], q + 1);
                        if (e)
                            return "sparse_initializer." + e;
                    }
                }
            }
            if (m.doc_string != null && $Object.hasOwnProperty.call(m, "doc_string")) {
                if (!$util.isString(m.doc_string))
                    return "doc_string: string expected";
            }
            if (m.input != null && $Object.hasOwnProperty.call(m, "input")) {
                if (!$Array.isArray(m.input))
                    return "input: array expected";
                for (var i = 0; i < m.input.length; ++i) {
                    {
                        var e = $root.onnx.ValueInfoProto.verify(m.input[i], q + 1);
                        if (e)
                            return "input." + e;
                    }
                }
            }
            if (m.output != null && $Object.hasOwnProperty.call(m, "output")) {
                if (!$Array.isArray(m.output))
                    return "output: array expected";
                for (var i = 0; i < m.output.length; ++i) {
                    {
                        var e = $root.onnx.ValueInfoProto.verify(m.output[i], q + 1);
                        if (e)
                            return "output." + e;
                    }
                }
            }
            if (m.value_info != null && $Object.hasOwnProperty.call(m, "value_info")) {
                if (!$Array.isArray(m.value_info))
                    return "value_info: array expected";
                for (var i = 0; i < m.value_info.length; ++i) {
                    {
                        var e = $root.onnx.ValueInfoProto.verify(m.value_info[i], q + 1);
                        if (e)
                            return "value_info." + e;
                    }
                }
            }
            if (m.quantization_annotation != null && $Object.hasOwnProperty.call(m, "quantization_annotation")) {
                if (!$Array.isArray(m.quantization_annotation))
                    return "quantization_annotation: array expected";
                for (var i = 0; i < m.quantization_annotation.length; ++i) {
                    {
                        var e = $root.onnx.TensorAnnotation.verify(m.quantization_annotation[i], q + 1);
                        if (e)
                            return "quantization_annotation." + e;
                    }
                }
            }
            return null;
        };

        return GraphProto;
    })();

    onnx.TensorProto = (function() {

        const TensorProto = function (p) {
            this.dims = [];
            this.float_data = [];
            this.int32_data = [];
            this.string_data = [];
            this.int64_data = [];
            this.external_data = [];
            this.double_data = [];
            this.uint64_data = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        TensorProto.prototype.dims = $util.emptyArray;
        TensorProto.prototype.data_type = 0;
        TensorProto.prototype.segment = null;
        TensorProto.prototype.float_data = $util.emptyArray;
        TensorProto.prototype.int32_data = $util.emptyArray;
        TensorProto.prototype.string_data = $util.emptyArray;
        TensorProto.prototype.int64_data = $util.emptyArray;
        TensorProto.prototype.name = "";
        TensorProto.prototype.doc_string = "";
        TensorProto.prototype.raw_data = $util.newBuffer([]);
        TensorProto.prototype.external_data = $util.emptyArray;
        TensorProto.prototype.data_location = 0;
        TensorProto.prototype.double_data = $util.emptyArray;
        TensorProto.prototype.uint64_data = $util.emptyArray;

        TensorProto.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.dims != null && m.dims.length) {
                for (var i = 0; i < m.dims.length; ++i)
                    w.uint32(8).int64(m.dims[i]);
            }
            if (m.data_type != null && $Object.hasOwnProperty.call(m, "data_type"))
                w.uint32(16).int32(m.data_type);
            if (m.segment != null && $Object.hasOwnProperty.call(m, "segment"))
                $root.onnx.TensorProto.Segment.encode(m.segment, w.uint32(26).fork(), q + 1).ldelim();
            if (m.float_data != null && m.float_data.length) {
                w.uint32(34).floats(m.float_data);
            }
            if (m.int32_data != null && m.int32_data.length) {
                w.uint32(42).int32s(m.int32_data);
            }
            if (m.string_data != null && m.string_data.length) {
                for (var i = 0; i < m.string_data.length; ++i)
                    w.uint32(50).bytes(m.string_data[i]);
            }
            if (m.int64_data != null && m.int64_data.length) {
                w.uint32(58).int64s(m.int64_data);
            }
            if (m.name != null && $Object.hasOwnProperty.call(m, "name"))
                w.uint32(66).string(m.name);
            if (m.raw_data != null && $Object.hasOwnProperty.call(m, "raw_data"))
                w.uint32(74).bytes(m.raw_data);
            if (m.double_data != null && m.double_data.length) {
                w.uint32(82).doubles(m.double_data);
            }
            if (m.uint64_data != null && m.uint64_data.length) {
                w.uint32(90).uint64s(m.uint64_data);
            }
            if (m.doc_string != null && $Object.hasOwnProperty.call(m, "doc_string"))
                w.uint32(98).string(m.doc_string);
            if (m.external_data != null && m.external_data.length) {
                for (var i = 0; i < m.external_data.length; ++i)
                    $root.onnx.StringStringEntryProto.encode(m.external_data[i], w.uint32(106).fork(), q + 1).ldelim();
            }
            if (m.data_location != null && $Object.hasOwnProperty.call(m, "data_location"))
                w.uint32(112).int32(m.data_location);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        TensorProto.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.onnx.TensorProto();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u === 2) {
                            if (!(m.dims && m.dims.length))
                                m.dims = [];
                            r.int64s(m.dims);
                            continue;
                        }
                        if (u !== 0)
                            break;
                        if (!(m.dims && m.dims.length))
                            m.dims = [];
                        m.dims.push(r.int64());
                        continue;
                    }
                case 2: {
                        if (u !== 0)
                            break;
                        m.data_type = r.int32();
                        continue;
                    }
                case 3: {
                        if (u !== 2)
                            break;
                        m.segment = $root.onnx.TensorProto.Segment.decode(r, r.size(), $undefined, q + 1, m.segment);
                        continue;
                    }
                case 4: {
                        if (u === 2) {
                            if (!(m.float_data && m.float_data.length))
                                m.float_data = [];
                            r.floats(m.float_data);
                            continue;
                        }
                        if (u !== 5)
                            break;
                        if (!(m.float_data && m.float_data.length))
                            m.float_data = [];
                        m.float_data.push(r.float());
                        continue;
                    }
                case 5: {
                        if (u === 2) {
                            if (!(m.int32_data && m.int32_data.length))
                                m.int32_data = [];
                            r.int32s(m.int32_data);
                            continue;
                        }
                        if (u !== 0)
                            break;
                        if (!(m.int32_data && m.int32_data.length))
                            m.int32_data = [];
                        m.int32_data.push(r.int32());
                        continue;
                    }
                case 6: {
                        if (u !== 2)
                            break;
                        if (!(m.string_data && m.string_data.length))
                            m.string_data = [];
                        m.string_data.push(r.bytes());
                        continue;
                    }
                case 7: {
                        if (u === 2) {
                            if (!(m.int64_data && m.int64_data.length))
                                m.int64_data = [];
                            r.int64s(m.int64_data);
                            continue;
                        }
                        if (u !== 0)
                            break;
                        if (!(m.int64_data && m.int64_data.length))
                            m.int64_data = [];
                        m.int64_data.push(r.int64());
                        continue;
                    }
                case 8: {
                        if (u !== 2)
                            break;
                        m.name = r.string();
                        continue;
                    }
                case 12: {
                        if (u !== 2)
                            break;
                        m.doc_string = r.string();
                        continue;
                    }
                case 9: {
                        if (u !== 2)
                            break;
                        m.raw_data = r.bytes();
                        continue;
                    }
                case 13: {
                        if (u !== 2)
                            break;
                        if (!(m.external_data && m.external_data.length))
                            m.external_data = [];
                        m.external_data.push($root.onnx.StringStringEntryProto.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                case 14: {
                        if (u !== 0)
                            break;
                        v = r.int32();
                        if ($root.onnx.TensorProto.DataLocation[v] !== $undefined) {
                            m.data_location = v;
                        } else if (!r.discardUnknown) {
                            $util.makeProp(m, "$unknowns", false);
                            (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                        }
                        continue;
                    }
                case 10: {
                        if (u === 2) {
                            if (!(m.double_data && m.double_data.length))
                                m.double_data = [];
                            r.doubles(m.double_data);
                            continue;
                        }
                        if (u !== 1)
                            break;
                        if (!(m.double_data && m.double_data.length))
                            m.double_data = [];
                        m.double_data.push(r.double());
                        continue;
                    }
                case 11: {
                        if (u === 2) {
                            if (!(m.uint64_data && m.uint64_data.length))
                                m.uint64_data = [];
                            r.uint64s(m.uint64_data);
                            continue;
                        }
                        if (u !== 0)
                            break;
                        if (!(m.uint64_data && m.uint64_data.length))
                            m.uint64_data = [];
                        m.uint64_data.push(r.uint64());
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        TensorProto.verify = function (m, q) {
            if (typeof m !== "object" || m === null)
                return "object expected";
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                return "max depth exceeded";
            if (m.dims != null && $Object.hasOwnProperty.call(m, "dims")) {
                if (!$Array.isArray(m.dims))
                    return "dims: array expected";
                for (var i = 0; i < m.dims.length; ++i) {
                    if (!$util.isInteger(m.dims[i]) && !(m.dims[i] && $util.isInteger(m.dims[i].low) && $util.isInteger(m.dims[i].high)))
                        return "dims: integer|Long[] expected";
                }
            }
            if (m.data_type != null && $Object.hasOwnProperty.call(m, "data_type")) {
                if (!$util.isInteger(m.data_type))
                    return "data_type: integer expected";
            }
            if (m.segment != null && $Object.hasOwnProperty.call(m, "segment")) {
                {
                    var e = $root.onnx.TensorProto.Segment.verify(m.segment, q + 1);
                    if (e)
                        return "segment." + e;
                }
            }
            if (m.float_data != null && $Object.hasOwnProperty.call(m, "float_data")) {
                if (!$Array.isArray(m.float_data))
                    return "float_data: array expected";
                for (var i = 0; i < m.float_data.length; ++i) {
                    if (typeof m.float_data[i] !== "number")
                        return "float_data: number[] expected";
                }
            }
            if (m.int32_data != null && $Object.hasOwnProperty.call(m, "int32_data")) {
                if (!$Array.isArray(m.int32_data))
                    return "int32_data: array expected";
                for (var i = 0; i < m.int32_data.length; ++i) {
                    if (!$util.isInteger(m.int32_data[i]))
                        return "int32_data: integer[] expected";
                }
            }
            if (m.string_data != null && $Object.hasOwnProperty.call(m, "string_data")) {
                if (!$Array.isArray(m.string_data))
                    return "string_data: array expected";
                for (var i = 0; i < m.string_data.length; ++i) {
                    if (!(m.string_data[i] && typeof m.string_data[i].length === "number" || $util.isString(m.string_data[i])))
                        return "string_data: buffer[] expected";
                }
            }
            if (m.int64_data != null && $Object.hasOwnProperty.call(m, "int64_data")) {
                if (!$Array.isArray(m.int64_data))
                    return "int64_data: array expected";
                for (var i = 0; i < m.int64_data.length; ++i) {
                    if (!$util.isInteger(m.int64_data[i]) && !(m.int64_data[i] && $util.isInteger(m.int64_data[i].low) && $util.isInteger(m.int64_data[i].high)))
                        return "int64_data: integer|Long[] expected";
                }
            }
            if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                if (!$util.isString(m.name))
                    return "name: string expected";
            }
            if (m.doc_string != null && $Object.hasOwnProperty.call(m, "doc_string")) {
                if (!$util.isString(m.doc_string))
                    return "doc_string: string expected";
            }
            if (m.raw_data != null && $Object.hasOwnProperty.call(m, "raw_data")) {
                if (!(m.raw_data && typeof m.raw_data.length === "number" || $util.isString(m.raw_data)))
                    return "raw_data: buffer expected";
            }
            if (m.external_data != null && $Object.hasOwnProperty.call(m, "external_data")) {
                if (!$Array.isArray(m.external_data))
                    return "external_data: array expected";
                for (var i = 0; i < m.external_data.length; ++i) {
                    {
                        var e = $root.onnx.StringStringEntryProto.verify(m.external_data[i], q + 1);
                        if (e)
                            return "external_data." + e;
                    }
                }
            }
            if (m.data_location != null && $Object.hasOwnProperty.call(m, "data_location")) {
                switch (m.data_location) {
                default:
                    return "data_location: enum value expected";
                case 0:
                case 1:
                    break;
                }
            }
            if (m.double_data != null && $Object.hasOwnProperty.call(m, "double_data")) {
                if (!$Array.isArray(m.double_data))
                    return "double_data: array expected";
                for (var i = 0; i < m.double_data.length; ++i) {
                    if (typeof m.double_data[i] !== "number")
                        return "double_data: number[] expected";
                }
            }
            if (m.uint64_data != null && $Object.hasOwnProperty.call(m, "uint64_data")) {
                if (!$Array.isArray(m.uint64_data))
                    return "uint64_data: array expected";
                for (var i = 0; i < m.uint64_data.length; ++i) {
                    if (!$util.isInteger(m.uint64_data[i]) && !(m.uint64_data[i] && $util.isInteger(m.uint64_data[i].low) && $util.isInteger(m.uint64_data[i].high)))
                        return "uint64_data: integer|Long[] expected";
                }
            }
            return null;
        };

        TensorProto.DataType = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "UNDEFINED"] = 0;
            values[valuesById[1] = "FLOAT"] = 1;
            values[valuesById[2] = "UINT8"] = 2;
            values[valuesById[3] = "INT8"] = 3;
            values[valuesById[4] = "UINT16"] = 4;
            values[valuesById[5] = "INT16"] = 5;
            values[valuesById[6] = "INT32"] = 6;
            values[valuesById[7] = "INT64"] = 7;
            values[valuesById[8] = "STRING"] = 8;
            values[valuesById[9] = "BOOL"] = 9;
            values[valuesById[10] = "FLOAT16"] = 10;
            values[valuesById[11] = "DOUBLE"] = 11;
            values[valuesById[12] = "UINT32"] = 12;
            values[valuesById[13] = "UINT64"] = 13;
            values[valuesById[14] = "COMPLEX64"] = 14;
            values[valuesById[15] = "COMPLEX128"] = 15;
            values[valuesById[16] = "BFLOAT16"] = 16;
            return values;
        })();

        TensorProto.Segment = (function() {

            const Segment = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            Segment.prototype.begin = $util.Long ? $util.Long.fromBits(0,0,false) : 0;
            Segment.prototype.end = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            Segment.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.begin != null && $Object.hasOwnProperty.call(m, "begin"))
                    w.uint32(8).int64(m.begin);
                if (m.end != null && $Object.hasOwnProperty.call(m, "end"))
                    w.uint32(16).int64(m.end);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            Segment.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.onnx.TensorProto.Segment();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            m.begin = r.int64();
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            m.end = r.int64();
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            Segment.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.begin != null && $Object.hasOwnProperty.call(m, "begin")) {
                    if (!$util.isInteger(m.begin) && !(m.begin && $util.isInteger(m.begin.low) && $util.isInteger(m.begin.high)))
                        return "begin: integer|Long expected";
                }
                if (m.end != null && $Object.hasOwnProperty.call(m, "end")) {
                    if (!$util.isInteger(m.end) && !(m.end && $util.isInteger(m.end.low) && $util.isInteger(m.end.high)))
                        return "end: integer|Long expected";
                }
                return null;
            };

            return Segment;
        })();

        TensorProto.DataLocation = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "DEFAULT"] = 0;
            values[valuesById[1] = "EXTERNAL"] = 1;
            return values;
        })();

        return TensorProto;
    })();

    onnx.SparseTensorProto = (function() {

        const SparseTensorProto = function (p) {
            this.dims = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        SparseTensorProto.prototype.values = null;
        SparseTensorProto.prototype.indices = null;
        SparseTensorProto.prototype.dims = $util.emptyArray;

        SparseTensorProto.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.values != null && $Object.hasOwnProperty.call(m, "values"))
                $root.onnx.TensorProto.encode(m.values, w.uint32(10).fork(), q + 1).ldelim();
            if (m.indices != null && $Object.hasOwnProperty.call(m, "indices"))
                $root.onnx.TensorProto.encode(m.indices, w.uint32(18).fork(), q + 1).ldelim();
            if (m.dims != null && m.dims.length) {
                for (var i = 0; i < m.dims.length; ++i)
                    w.uint32(24).int64(m.dims[i]);
            }
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        SparseTensorProto.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.onnx.SparseTensorProto();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        m.values = $root.onnx.TensorProto.decode(r, r.size(), $undefined, q + 1, m.values);
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        m.indices = $root.onnx.TensorProto.decode(r, r.size(), $undefined, q + 1, m.indices);
                        continue;
                    }
                case 3: {
                        if (u === 2) {
                            if (!(m.dims && m.dims.length))
                                m.dims = [];
                            r.int64s(m.dims);
                            continue;
                        }
                        if (u !== 0)
                            break;
                        if (!(m.dims && m.dims.length))
                            m.dims = [];
                        m.dims.push(r.int64());
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        SparseTensorProto.verify = function (m, q) {
            if (typeof m !== "object" || m === null)
                return "object expected";
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                return "max depth exceeded";
            if (m.values != null && $Object.hasOwnProperty.call(m, "values")) {
                {
                    var e = $root.onnx.TensorProto.verify(m.values, q + 1);
                    if (e)
                        return "values." + e;
                }
            }
            if (m.indices != null && $Object.hasOwnProperty.call(m, "indices")) {
                {
                    var e = $root.onnx.TensorProto.verify(m.indices, q + 1);
                    if (e)
                        return "indices." + e;
                }
            }
            if (m.dims != null && $Object.hasOwnProperty.call(m, "dims")) {
                if (!$Array.isArray(m.dims))
                    return "dims: array expected";
                for (var i = 0; i < m.dims.length; ++i) {
                    if (!$util.isInteger(m.dims[i]) && !(m.dims[i] && $util.isInteger(m.dims[i].low) && $util.isInteger(m.dims[i].high)))
                        return "dims: integer|Long[] expected";
                }
            }
            return null;
        };

        return SparseTensorProto;
    })();

    onnx.TensorShapeProto = (function() {

        const TensorShapeProto = function (p) {
            this.dim = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        TensorShapeProto.prototype.dim = $util.emptyArray;

        TensorShapeProto.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.dim != null && m.dim.length) {
                for (var i = 0; i < m.dim.length; ++i)
                    $root.onnx.TensorShapeProto.Dimension.encode(m.dim[i], w.uint32(10).fork(), q + 1).ldelim();
            }
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        TensorShapeProto.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.onnx.TensorShapeProto();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if (!(m.dim && m.dim.length))
                            m.dim = [];
                        m.dim.push($root.onnx.TensorShapeProto.Dimension.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        TensorShapeProto.verify = function (m, q) {
            if (typeof m !== "object" || m === null)
                return "object expected";
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                return "max depth exceeded";
            if (m.dim != null && $Object.hasOwnProperty.call(m, "dim")) {
                if (!$Array.isArray(m.dim))
                    return "dim: array expected";
                for (var i = 0; i < m.dim.length; ++i) {
                    {
                        var e = $root.onnx.TensorShapeProto.Dimension.verify(m.dim[i], q + 1);
                        if (e)
                            return "dim." + e;
                    }
                }
            }
            return null;
        };

        TensorShapeProto.Dimension = (function() {

            const Dimension = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            Dimension.prototype.dim_value = null;
            Dimension.prototype.dim_param = null;
            Dimension.prototype.denotation = "";

            let $oneOfFields;

            $Object.defineProperty(Dimension.prototype, "value", {
                get: $util.oneOfGetter($oneOfFields = ["dim_value", "dim_param"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            Dimension.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.dim_value != null && $Object.hasOwnProperty.call(m, "dim_value"))
                    w.uint32(8).int64(m.dim_value);
                if (m.dim_param != null && $Object.hasOwnProperty.call(m, "dim_param"))
                    w.uint32(18).string(m.dim_param);
                if (m.denotation != null && $Object.hasOwnProperty.call(m, "denotation"))
                    w.uint32(26).string(m.denotation);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            Dimension.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.onnx.TensorShapeProto.Dimension();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            m.dim_value = r.int64();
                            m.value = "dim_value";
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.dim_param = r.string();
                            m.value = "dim_param";
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.denotation = r.string();
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            Dimension.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                var p = {};
                if (m.dim_value != null && $Object.hasOwnProperty.call(m, "dim_value")) {
                    p.value = 1;
                    if (!$util.isInteger(m.dim_value) && !(m.dim_value && $util.isInteger(m.dim_value.low) && $util.isInteger(m.dim_value.high)))
                        return "dim_value: integer|Long expected";
                }
                if (m.dim_param != null && $Object.hasOwnProperty.call(m, "dim_param")) {
                    if (p.value === 1)
                        return "value: multiple values";
                    p.value = 1;
                    if (!$util.isString(m.dim_param))
                        return "dim_param: string expected";
                }
                if (m.denotation != null && $Object.hasOwnProperty.call(m, "denotation")) {
                    if (!$util.isString(m.denotation))
                        return "denotation: string expected";
                }
                return null;
            };

            return Dimension;
        })();

        return TensorShapeProto;
    })();

    onnx.TypeProto = (function() {

        const TypeProto = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        TypeProto.prototype.tensor_type = null;
        TypeProto.prototype.sequence_type = null;
        TypeProto.prototype.map_type = null;
        TypeProto.prototype.optional_type = null;
        TypeProto.prototype.sparse_tensor_type = null;
        TypeProto.prototype.denotation = "";

        let $oneOfFields;

        $Object.defineProperty(TypeProto.prototype, "value", {
            get: $util.oneOfGetter($oneOfFields = ["tensor_type", "sequence_type", "map_type", "optional_type", "sparse_tensor_type"]),
            set: $util.oneOfSetter($oneOfFields)
        });

        TypeProto.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.tensor_type != null && $Object.hasOwnProperty.call(m, "tensor_type"))
                $root.onnx.TypeProto.Tensor.encode(m.tensor_type, w.uint32(10).fork(), q + 1).ldelim();
            if (m.sequence_type != null && $Object.hasOwnProperty.call(m, "sequence_type"))
                $root.onnx.TypeProto.Sequence.encode(m.sequence_type, w.uint32(34).fork(), q + 1).ldelim();
            if (m.map_type != null && $Object.hasOwnProperty.call(m, "map_type"))
                $root.onnx.TypeProto.Map.encode(m.map_type, w.uint32(42).fork(), q + 1).ldelim();
            if (m.denotation != null && $Object.hasOwnProperty.call(m, "denotation"))
                w.uint32(50).string(m.denotation);
            if (m.sparse_tensor_type != null && $Object.hasOwnProperty.call(m, "sparse_tensor_type"))
                $root.onnx.TypeProto.SparseTensor.encode(m.sparse_tensor_type, w.uint32(66).fork(), q + 1).ldelim();
            if (m.optional_type != null && $Object.hasOwnProperty.call(m, "optional_type"))
                $root.onnx.TypeProto.Optional.encode(m.optional_type, w.uint32(74).fork(), q + 1).ldelim();
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        TypeProto.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.onnx.TypeProto();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        m.tensor_type = $root.onnx.TypeProto.Tensor.decode(r, r.size(), $undefined, q + 1, m.tensor_type);
                        m.value = "tensor_type";
                        continue;
                    }
                case 4: {
                        if (u !== 2)
                            break;
                        m.sequence_type = $root.onnx.TypeProto.Sequence.decode(r, r.size(), $undefined, q + 1, m.sequence_type);
                        m.value = "sequence_type";
                        continue;
                    }
                case 5: {
                        if (u !== 2)
                            break;
                        m.map_type = $root.onnx.TypeProto.Map.decode(r, r.size(), $undefined, q + 1, m.map_type);
                        m.value = "map_type";
                        continue;
                    }
                case 9: {
                        if (u !== 2)
                            break;
                        m.optional_type = $root.onnx.TypeProto.Optional.decode(r, r.size(), $undefined, q + 1, m.optional_type);
                        m.value = "optional_type";
                        continue;
                    }
                case 8: {
                        if (u !== 2)
                            break;
                        m.sparse_tensor_type = $root.onnx.TypeProto.SparseTensor.decode(r, r.size(), $undefined, q + 1, m.sparse_tensor_type);
                        m.value = "sparse_tensor_type";
                        continue;
                    }
                case 6: {
                        if (u !== 2)
                            break;
                        m.denotation = r.string();
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        TypeProto.verify = function (m, q) {
            if (typeof m !== "object" || m === null)
                return "object expected";
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                return "max depth exceeded";
            var p = {};
            if (m.tensor_type != null && $Object.hasOwnProperty.call(m, "tensor_type")) {
                p.value = 1;
                {
                    var e = $root.onnx.TypeProto.Tensor.verify(m.tensor_type, q + 1);
                    if (e)
                        return "tensor_type." + e;
                }
            }
            if (m.sequence_type != null && $Object.hasOwnProperty.call(m, "sequence_type")) {
                if (p.value === 1)
                    return "value: multiple values";
                p.value = 1;
                {
                    var e = $root.onnx.TypeProto.Sequence.verify(m.sequence_type, q + 1);
                    if (e)
                        return "sequence_type." + e;
                }
            }
            if (m.map_type != null && $Object.hasOwnProperty.call(m, "map_type")) {
                if (p.value === 1)
                    return "value: multiple values";
                p.value = 1;
                {
                    var e = $root.onnx.TypeProto.Map.verify(m.map_type, q + 1);
                    if (e)
                        return "map_type." + e;
                }
            }
            if (m.optional_type != null && $Object.hasOwnProperty.call(m, "optional_type")) {
                if (p.value === 1)
                    return "value: multiple values";
                p.value = 1;
                {
                    var e = $root.onnx.TypeProto.Optional.verify(m.optional_type, q + 1);
                    if (e)
                        return "optional_type." + e;
                }
            }
            if (m.sparse_tensor_type != null && $Object.hasOwnProperty.call(m, "sparse_tensor_type")) {
                if (p.value === 1)
                    return "value: multiple values";
                p.value = 1;
                {
                    var e = $root.onnx.TypeProto.SparseTensor.verify(m.sparse_tensor_type, q + 1);
                    if (e)
                        return "sparse_tensor_type." + e;
                }
            }
            if (m.denotation != null && $Object.hasOwnProperty.call(m, "denotation")) {
                if (!$util.isString(m.denotation))
                    return "denotation: string expected";
            }
            return null;
        };

        TypeProto.Tensor = (function() {

            const Tensor = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            Tensor.prototype.elem_type = 0;
            Tensor.prototype.shape = null;

            Tensor.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.elem_type != null && $Object.hasOwnProperty.call(m, "elem_type"))
                    w.uint32(8).int32(m.elem_type);
                if (m.shape != null && $Object.hasOwnProperty.call(m, "shape"))
                    $root.onnx.TensorShapeProto.encode(m.shape, w.uint32(18).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            Tensor.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.onnx.TypeProto.Tensor();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            m.elem_type = r.int32();
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.shape = $root.onnx.TensorShapeProto.decode(r, r.size(), $undefined, q + 1, m.shape);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            Tensor.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.elem_type != null && $Object.hasOwnProperty.call(m, "elem_type")) {
                    if (!$util.isInteger(m.elem_type))
                        return "elem_type: integer expected";
                }
                if (m.shape != null && $Object.hasOwnProperty.call(m, "shape")) {
                    {
                        var e = $root.onnx.TensorShapeProto.verify(m.shape, q + 1);
                        if (e)
                            return "shape." + e;
                    }
                }
                return null;
            };

            return Tensor;
        })();

        TypeProto.Sequence = (function() {

            const Sequence = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            Sequence.prototype.elem_type = null;

            Sequence.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.elem_type != null && $Object.hasOwnProperty.call(m, "elem_type"))
                    $root.onnx.TypeProto.encode(m.elem_type, w.uint32(10).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            Sequence.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.onnx.TypeProto.Sequence();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.elem_type = $root.onnx.TypeProto.decode(r, r.size(), $undefined, q + 1, m.elem_type);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            Sequence.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.elem_type != null && $Object.hasOwnProperty.call(m, "elem_type")) {
                    {
                        var e = $root.onnx.TypeProto.verify(m.elem_type, q + 1);
                        if (e)
                            return "elem_type." + e;
                    }
                }
                return null;
            };

            return Sequence;
        })();

        TypeProto.Map = (function() {

            const Map = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            Map.prototype.key_type = 0;
            Map.prototype.value_type = null;

            Map.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.key_type != null && $Object.hasOwnProperty.call(m, "key_type"))
                    w.uint32(8).int32(m.key_type);
                if (m.value_type != null && $Object.hasOwnProperty.call(m, "value_type"))
                    $root.onnx.TypeProto.encode(m.value_type, w.uint32(18).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            Map.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.onnx.TypeProto.Map();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            m.key_type = r.int32();
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.value_type = $root.onnx.TypeProto.decode(r, r.size(), $undefined, q + 1, m.value_type);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            Map.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.key_type != null && $Object.hasOwnProperty.call(m, "key_type")) {
                    if (!$util.isInteger(m.key_type))
                        return "key_type: integer expected";
                }
                if (m.value_type != null && $Object.hasOwnProperty.call(m, "value_type")) {
                    {
                        var e = $root.onnx.TypeProto.verify(m.value_type, q + 1);
                        if (e)
                            return "value_type." + e;
                    }
                }
                return null;
            };

            return Map;
        })();

        TypeProto.Optional = (function() {

            const Optional = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            Optional.prototype.elem_type = null;

            Optional.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.elem_type != null && $Object.hasOwnProperty.call(m, "elem_type"))
                    $root.onnx.TypeProto.encode(m.elem_type, w.uint32(10).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            Optional.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.onnx.TypeProto.Optional();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.elem_type = $root.onnx.TypeProto.decode(r, r.size(), $undefined, q + 1, m.elem_type);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            Optional.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.elem_type != null && $Object.hasOwnProperty.call(m, "elem_type")) {
                    {
                        var e = $root.onnx.TypeProto.verify(m.elem_type, q + 1);
                        if (e)
                            return "elem_type." + e;
                    }
                }
                return null;
            };

            return Optional;
        })();

        TypeProto.SparseTensor = (function() {

            const SparseTensor = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            SparseTensor.prototype.elem_type = 0;
            SparseTensor.prototype.shape = null;

            SparseTensor.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.elem_type != null && $Object.hasOwnProperty.call(m, "elem_type"))
                    w.uint32(8).int32(m.elem_type);
                if (m.shape != null && $Object.hasOwnProperty.call(m, "shape"))
                    $root.onnx.TensorShapeProto.encode(m.shape, w.uint32(18).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            SparseTensor.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.onnx.TypeProto.SparseTensor();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            m.elem_type = r.int32();
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.shape = $root.onnx.TensorShapeProto.decode(r, r.size(), $undefined, q + 1, m.shape);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            SparseTensor.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.elem_type != null && $Object.hasOwnProperty.call(m, "elem_type")) {
                    if (!$util.isInteger(m.elem_type))
                        return "elem_type: integer expected";
                }
                if (m.shape != null && $Object.hasOwnProperty.call(m, "shape")) {
                    {
                        var e = $root.onnx.TensorShapeProto.verify(m.shape, q + 1);
                        if (e)
                            return "shape." + e;
                    }
                }
                return null;
            };

            return SparseTensor;
        })();

        return TypeProto;
    })();

    onnx.OperatorSetIdProto = (function() {

        const OperatorSetIdProto = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        OperatorSetIdProto.prototype.domain = "";
        OperatorSetIdProto.prototype.version = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

        OperatorSetIdProto.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.domain != null && $Object.hasOwnProperty.call(m, "domain"))
                w.uint32(10).string(m.domain);
            if (m.version != null && $Object.hasOwnProperty.call(m, "version"))
                w.uint32(16).int64(m.version);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        OperatorSetIdProto.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.onnx.OperatorSetIdProto();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        m.domain = r.string();
                        continue;
                    }
                case 2: {
                        if (u !== 0)
                            break;
                        m.version = r.int64();
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        OperatorSetIdProto.verify = function (m, q) {
            if (typeof m !== "object" || m === null)
                return "object expected";
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                return "max depth exceeded";
            if (m.domain != null && $Object.hasOwnProperty.call(m, "domain")) {
                if (!$util.isString(m.domain))
                    return "domain: string expected";
            }
            if (m.version != null && $Object.hasOwnProperty.call(m, "version")) {
                if (!$util.isInteger(m.version) && !(m.version && $util.isInteger(m.version.low) && $util.isInteger(m.version.high)))
                    return "version: integer|Long expected";
            }
            return null;
        };

        return OperatorSetIdProto;
    })();

    onnx.OperatorStatus = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "EXPERIMENTAL"] = 0;
        values[valuesById[1] = "STABLE"] = 1;
        return values;
    })();

    onnx.FunctionProto = (function() {

        const FunctionProto = function (p) {
            this.input = [];
            this.output = [];
            this.attribute = [];
            this.node = [];
            this.opset_import = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        FunctionProto.prototype.name = "";
        FunctionProto.prototype.input = $util.emptyArray;
        FunctionProto.prototype.output = $util.emptyArray;
        FunctionProto.prototype.attribute = $util.emptyArray;
        FunctionProto.prototype.node = $util.emptyArray;
        FunctionProto.prototype.doc_string = "";
        FunctionProto.prototype.opset_import = $util.emptyArray;
        FunctionProto.prototype.domain = "";

        FunctionProto.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.name != null && $Object.hasOwnProperty.call(m, "name"))
                w.uint32(10).string(m.name);
            if (m.input != null && m.input.length) {
                for (var i = 0; i < m.input.length; ++i)
                    w.uint32(34).string(m.input[i]);
            }
            if (m.output != null && m.output.length) {
                for (var i = 0; i < m.output.length; ++i)
                    w.uint32(42).string(m.output[i]);
            }
            if (m.attribute != null && m.attribute.length) {
                for (var i = 0; i < m.attribute.length; ++i)
                    w.uint32(50).string(m.attribute[i]);
            }
            if (m.node != null && m.node.length) {
                for (var i = 0; i < m.node.length; ++i)
                    $root.onnx.NodeProto.encode(m.node[i], w.uint32(58).fork(), q + 1).ldelim();
            }
            if (m.doc_string != null && $Object.hasOwnProperty.call(m, "doc_string"))
                w.uint32(66).string(m.doc_string);
            if (m.opset_import != null && m.opset_import.length) {
                for (var i = 0; i < m.opset_import.length; ++i)
                    $root.onnx.OperatorSetIdProto.encode(m.opset_import[i], w.uint32(74).fork(), q + 1).ldelim();
            }
            if (m.domain != null && $Object.hasOwnProperty.call(m, "domain"))
                w.uint32(82).string(m.domain);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        FunctionProto.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.onnx.FunctionProto();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        m.name = r.string();
                        continue;
                    }
                case 4: {
                        if (u !== 2)
                            break;
                        if (!(m.input && m.input.length))
                            m.input = [];
                        m.input.push(r.string());
                        continue;
                    }
                case 5: {
                        if (u !== 2)
                            break;
                        if (!(m.output && m.output.length))
                            m.output = [];
                        m.output.push(r.string());
                        continue;
                    }
                case 6: {
                        if (u !== 2)
                            break;
                        if (!(m.attribute && m.attribute.length))
                            m.attribute = [];
                        m.attribute.push(r.string());
                        continue;
                    }
                case 7: {
                        if (u !== 2)
                            break;
                        if (!(m.node && m.node.length))
                            m.node = [];
                        m.node.push($root.onnx.NodeProto.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                case 8: {
                        if (u !== 2)
                            break;
                        m.doc_string = r.string();
                        continue;
                    }
                case 9: {
                        if (u !== 2)
                            break;
                        if (!(m.opset_import && m.opset_import.length))
                            m.opset_import = [];
                        m.opset_import.push($root.onnx.OperatorSetIdProto.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                case 10: {
                        if (u !== 2)
                            break;
                        m.domain = r.string();
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        FunctionProto.verify = function (m, q) {
            if (typeof m !== "object" || m === null)
                return "object expected";
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                return "max depth exceeded";
            if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                if (!$util.isString(m.name))
                    return "name: string expected";
            }
            if (m.input != null && $Object.hasOwnProperty.call(m, "input")) {
                if (!$Array.isArray(m.input))
                    return "input: array expected";
                for (var i = 0; i < m.input.length; ++i) {
                    if (!$util.isString(m.input[i]))
                        return "input: string[] expected";
                }
            }
            if (m.output != null && $Object.hasOwnProperty.call(m, "output")) {
                if (!$Array.isArray(m.output))
                    return "output: array expected";
                for (var i = 0; i < m.output.length; ++i) {
                    if (!$util.isString(m.output[i]))
                        return "output: string[] expected";
                }
            }
            if (m.attribute != null && $Object.hasOwnProperty.call(m, "attribute")) {
                if (!$Array.isArray(m.attribute))
                    return "attribute: array expected";
                for (var i = 0; i < m.attribute.length; ++i) {
                    if (!$util.isString(m.attribute[i]))
                        return "attribute: string[] expected";
                }
            }
            if (m.node != null && $Object.hasOwnProperty.call(m, "node")) {
                if (!$Array.isArray(m.node))
                    return "node: array expected";
                for (var i = 0; i < m.node.length; ++i) {
                    {
                        var e = $root.onnx.NodeProto.verify(m.node[i], q + 1);
                        if (e)
                            return "node." + e;
                    }
                }
            }
            if (m.doc_string != null && $Object.hasOwnProperty.call(m, "doc_string")) {
                if (!$util.isString(m.doc_string))
                    return "doc_string: string expected";
            }
            if (m.opset_import != null && $Object.hasOwnProperty.call(m, "opset_import")) {
                if (!$Array.isArray(m.opset_import))
                    return "opset_import: array expected";
                for (var i = 0; i < m.opset_import.length; ++i) {
                    {
                        var e = $root.onnx.OperatorSetIdProto.verify(m.opset_import[i], q + 1);
                        if (e)
                            return "opset_import." + e;
                    }
                }
            }
            if (m.domain != null && $Object.hasOwnProperty.call(m, "domain")) {
                if (!$util.isString(m.domain))
                    return "domain: string expected";
            }
            return null;
        };

        return FunctionProto;
    })();

    return onnx;
})();

export {
  $root as default
};
