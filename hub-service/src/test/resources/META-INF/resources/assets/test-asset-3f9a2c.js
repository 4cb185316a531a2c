console.log("drover test asset");
