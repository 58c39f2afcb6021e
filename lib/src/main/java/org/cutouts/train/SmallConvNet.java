package org.cutouts.train;

import org.cutouts.store.CutoutSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The smallest network that is still a real image model: 5x5 convolution with stride 2 (8 filters,
 * ReLU), 2x2 max pooling, a 32-unit dense layer and an output layer (softmax + cross-entropy for
 * classification, identity + MSE for regression), trained with Adam. Its job is to consume batches
 * the way a real model does, not to be a good detector. The strided first layer keeps a CPU step
 * cheap (about half the time of a 3x3 stride-1 layer at 64x64), so the loader's share stays visible.
 *
 * <p>On a small shared machine, start the JVM with {@code OMP_NUM_THREADS=1}: ND4J's OpenMP threads
 * spin-wait, and under CPU contention a step took 2-4 times longer with the default thread count.
 */
public final class SmallConvNet {
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    private SmallConvNet() {
    }

    /** A fresh, initialised network for cutouts of {@code spec}, deterministic for {@code seed}. */
    public static MultiLayerNetwork build(CutoutSpec spec, LabelMode labels, long seed, double learningRate) {
        if (spec.width() < 8 || spec.height() < 8) {
            throw new IllegalArgumentException("the training network needs cutouts of at least 8x8, got " + spec.width() + "x" + spec.height());
        }
        OutputLayer out = labels == LabelMode.CLASSIFICATION
                ? new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build()
                : new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY).build();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(8).stride(2, 2).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
                .layer(out)
                .setInputType(InputType.convolutional(spec.height(), spec.width(), 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
